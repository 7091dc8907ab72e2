using System.Net;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// The connections that have not yet authenticated, apart from the authenticated ones so that no
/// number of idle strangers can take a terminal's place. Each remote address may hold a few; the room
/// holds a bounded number in all. A newcomer is always let in: when its address or the room is full,
/// the oldest waiting connection (of that address, else of all) makes way. A real terminal sends its
/// HELLO at once and leaves the room within a round trip, so strangers would have to outpace it.
/// </summary>
internal sealed class HandshakeRoom(int capacity, int perAddress)
{
    private readonly LinkedList<(IPAddress Address, BridgeConnection Connection)> _waiting = new();
    private readonly Dictionary<BridgeConnection, LinkedListNode<(IPAddress, BridgeConnection)>> _nodes = [];
    private readonly Dictionary<IPAddress, int> _perAddress = [];

    /// <summary>Lets <paramref name="connection"/> in; returns the one that must make way for it, if any.</summary>
    public BridgeConnection? Enter(IPAddress address, BridgeConnection connection)
    {
        lock (_waiting)
        {
            BridgeConnection? evicted = null;
            if (_perAddress.GetValueOrDefault(address) >= perAddress)
                evicted = _waiting.First(w => w.Address.Equals(address)).Connection;
            else if (_waiting.Count >= capacity)
                evicted = _waiting.First!.Value.Connection;
            if (evicted is not null)
                Remove(evicted);
            _nodes[connection] = _waiting.AddLast((address, connection));
            _perAddress[address] = _perAddress.GetValueOrDefault(address) + 1;
            return evicted;
        }
    }

    /// <summary>The connection authenticated or closed.</summary>
    public void Leave(BridgeConnection connection)
    {
        lock (_waiting)
            Remove(connection);
    }

    public int Count
    {
        get
        {
            lock (_waiting)
                return _waiting.Count;
        }
    }

    private void Remove(BridgeConnection connection)
    {
        if (!_nodes.Remove(connection, out var node))
            return;
        var address = node.Value.Item1;
        _waiting.Remove(node);
        if (--_perAddress[address] == 0)
            _perAddress.Remove(address);
    }
}
