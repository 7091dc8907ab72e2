namespace Plan2.Abstractions.Trading;

// The trading enums clients see, kept together because each is a few lines and they are read as a set.
// Values equal the Core enums' values (the grains map by value), so the two cannot drift silently: a test compares them.

[GenerateSerializer, Alias("plan2.trade-side")]
public enum TradeSide : byte { Buy = 1, Sell = 2 }

[GenerateSerializer, Alias("plan2.trade-order-type")]
public enum TradeOrderType : byte { Market = 1, Limit = 2, Stop = 3, StopLimit = 4 }

[GenerateSerializer, Alias("plan2.trade-time-in-force")]
public enum TradeTimeInForce : byte { Gtc = 1, Day = 2, Gtd = 3, Ioc = 4, Fok = 5 }

/// <summary>Where an order is in its life (Core's OrderStatus).</summary>
[GenerateSerializer, Alias("plan2.order-state")]
public enum OrderState : byte
{
    Initialized = 1, Denied, Submitted, Accepted, Rejected, PendingUpdate, PendingCancel, Triggered, PartiallyFilled, Filled, Canceled, Expired,
}

/// <summary>MT5's two account modes: one position per symbol, or a ticket per opening fill.</summary>
[GenerateSerializer, Alias("plan2.position-mode")]
public enum PositionMode : byte { Netting = 1, Hedging = 2 }

/// <summary>Who caused a change: a person, a strategy, our risk engine, the venue, or the platform itself.</summary>
[GenerateSerializer, Alias("plan2.actor-kind")]
public enum ActorKind : byte { User = 1, Strategy = 2, Risk = 3, Venue = 4, System = 5 }
