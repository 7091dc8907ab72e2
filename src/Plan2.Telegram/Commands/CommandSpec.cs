using Plan2.Abstractions.Tenancy;

namespace Plan2.Telegram.Commands;

/// <summary>One bot command: its name, the least role that may use it, its menu text, usage and handler.</summary>
public sealed record CommandSpec(string Name, UserRole MinRole, string Description, string Usage, Func<ChatContext, IReadOnlyList<string>, Task<Reply>> Handler);
