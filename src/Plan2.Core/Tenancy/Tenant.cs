namespace Plan2.Core.Tenancy;

/// <summary>
/// A tenant: its settings and its users with their roles. Every rule about them lives here, so the
/// grain only loads, calls and saves. Bad input throws <see cref="ArgumentException"/>; a request that
/// conflicts with the current state throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class Tenant
{
    private readonly List<TenantMember> _members;

    private Tenant(string id, string displayName, DateTimeOffset createdAt, TenantSettings settings, IEnumerable<TenantMember> members)
    {
        Id = id;
        DisplayName = displayName;
        CreatedAt = createdAt;
        Settings = settings;
        _members = members.ToList();
    }

    public string Id { get; }
    public string DisplayName { get; private set; }
    public DateTimeOffset CreatedAt { get; }
    public TenantSettings Settings { get; private set; }
    public IReadOnlyList<TenantMember> Members => _members;

    /// <summary>A new tenant always starts with one admin, so that somebody can manage it.</summary>
    public static Tenant Create(string id, string displayName, string adminUserName, TenantSettings? settings, DateTimeOffset now)
    {
        if (!TenantNames.IsValidTenantId(id))
            throw new ArgumentException($"Tenant id '{id}' is invalid: use 2-40 lower-case letters, digits or inner hyphens.", nameof(id));
        var name = RequireDisplayName(displayName);
        var admin = RequireUserName(adminUserName);
        var checkedSettings = RequireValid(settings ?? TenantSettings.Default);
        return new Tenant(id, name, now, checkedSettings, [new TenantMember(admin, TenantRole.Admin, now)]);
    }

    /// <summary>
    /// A tenant created by the platform's admins with no admin of its own yet: they add its users next.
    /// Once it has an admin, the last one can be neither demoted nor removed.
    /// </summary>
    public static Tenant CreateManaged(string id, string displayName, TenantSettings? settings, DateTimeOffset now)
    {
        if (!TenantNames.IsValidTenantId(id))
            throw new ArgumentException($"Tenant id '{id}' is invalid: use 2-40 lower-case letters, digits or inner hyphens.", nameof(id));
        return new Tenant(id, RequireDisplayName(displayName), now, RequireValid(settings ?? TenantSettings.Default), []);
    }

    /// <summary>Rebuilds a tenant from stored state without re-running creation rules.</summary>
    public static Tenant Restore(string id, string displayName, DateTimeOffset createdAt, TenantSettings settings, IEnumerable<TenantMember> members) =>
        new(id, displayName, createdAt, settings, members);

    public TenantMember AddUser(string userName, TenantRole role, DateTimeOffset now)
    {
        var name = RequireUserName(userName);
        RequireDefined(role);
        if (Find(name) is not null)
            throw new InvalidOperationException($"User '{name}' already belongs to tenant '{Id}'.");
        if (_members.Count >= Settings.MaxUsers)
            throw new InvalidOperationException($"Tenant '{Id}' has reached its limit of {Settings.MaxUsers} users.");
        var member = new TenantMember(name, role, now);
        _members.Add(member);
        return member;
    }

    public TenantMember ChangeRole(string userName, TenantRole role)
    {
        RequireDefined(role);
        var member = RequireMember(userName);
        if (member.Role == TenantRole.Admin && role != TenantRole.Admin && AdminCount == 1)
            throw new InvalidOperationException($"'{member.UserName}' is the last admin of tenant '{Id}' and cannot be demoted.");
        var changed = member with { Role = role };
        _members[_members.IndexOf(member)] = changed;
        return changed;
    }

    public void RemoveUser(string userName)
    {
        var member = RequireMember(userName);
        if (member.Role == TenantRole.Admin && AdminCount == 1)
            throw new InvalidOperationException($"'{member.UserName}' is the last admin of tenant '{Id}' and cannot be removed.");
        _members.Remove(member);
    }

    public void Rename(string displayName) => DisplayName = RequireDisplayName(displayName);

    public void UpdateSettings(TenantSettings settings)
    {
        var checkedSettings = RequireValid(settings);
        if (checkedSettings.MaxUsers < _members.Count)
            throw new InvalidOperationException($"MaxUsers {checkedSettings.MaxUsers} is below the {_members.Count} users tenant '{Id}' already has.");
        Settings = checkedSettings;
    }

    public TenantMember? Find(string userName) =>
        _members.Find(m => m.UserName == TenantNames.NormalizeUserName(userName ?? ""));

    private int AdminCount => _members.Count(m => m.Role == TenantRole.Admin);

    private TenantMember RequireMember(string userName) =>
        Find(userName) ?? throw new InvalidOperationException($"User '{userName}' does not belong to tenant '{Id}'.");

    private static string RequireUserName(string userName)
    {
        if (!TenantNames.IsValidUserName(userName?.Trim()))
            throw new ArgumentException($"User name '{userName}' is invalid: use 1-64 letters, digits or . _ - @ +.", nameof(userName));
        return TenantNames.NormalizeUserName(userName!);
    }

    private static string RequireDisplayName(string displayName)
    {
        var name = displayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
            throw new ArgumentException("Display name must be 1-100 printable characters.", nameof(displayName));
        return name;
    }

    private static TenantSettings RequireValid(TenantSettings settings)
    {
        var errors = settings.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid tenant settings: " + string.Join(" ", errors), nameof(settings));
        return settings;
    }

    private static void RequireDefined(TenantRole role)
    {
        if (!Enum.IsDefined(role))
            throw new ArgumentException($"Role {(int)role} is not a known role.", nameof(role));
    }
}
