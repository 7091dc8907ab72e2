namespace Plan2.MarketData.Tests.Bridge;

public readonly record struct SentTick(long Sequence, long TimeMs, double Bid, double Ask);
