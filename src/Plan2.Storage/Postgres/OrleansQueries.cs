namespace Plan2.Storage.Postgres;

/// <summary>
/// The SQL that Orleans' ADO.NET persistence and reminder providers run, by the key they look it up
/// under. Parameter and result column names are the providers' contract; the statements are ours.
/// A write returns the new version, or NULL when the caller's version is stale: the provider turns
/// that NULL into InconsistentStateException, so the version check must happen inside one statement.
/// </summary>
public static class OrleansQueries
{
    private const string GrainKeyMatches = """
        service_id = @ServiceId AND grain_type = @GrainTypeString
        AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
        AND grain_key_ext = COALESCE(@GrainIdExtensionString, '')
        """;

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["ReadFromStorageKey"] = $"""
            SELECT payload AS PayloadBinary, modified_at AS ModifiedOn, version AS Version
            FROM plan2_grain_state WHERE {GrainKeyMatches}
            """,

        // First write (NULL version) inserts only if no row exists; later writes update only the
        // version they read. Exactly one row comes back, NULL when neither happened.
        ["WriteToStorageKey"] = $"""
            WITH inserted AS (
                INSERT INTO plan2_grain_state (service_id, grain_type, grain_key_n0, grain_key_n1, grain_key_ext,
                                               grain_id_hash, grain_type_hash, payload, version)
                SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''),
                       @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
                WHERE @GrainStateVersion::int IS NULL
                ON CONFLICT DO NOTHING
                RETURNING version),
            updated AS (
                UPDATE plan2_grain_state
                SET payload = @PayloadBinary, version = version + 1, modified_at = now()
                WHERE @GrainStateVersion::int IS NOT NULL AND {GrainKeyMatches} AND version = @GrainStateVersion::int
                RETURNING version)
            SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated LIMIT 1) AS NewGrainStateVersion
            """,

        // Clearing keeps the row (payload NULL) so that the version keeps counting.
        ["ClearStorageKey"] = $"""
            WITH cleared AS (
                UPDATE plan2_grain_state
                SET payload = NULL, version = version + 1, modified_at = now()
                WHERE {GrainKeyMatches} AND version = @GrainStateVersion::int
                RETURNING version)
            SELECT (SELECT version FROM cleared) AS NewGrainStateVersion
            """,

        ["DeleteStorageKey"] = $"""
            WITH deleted AS (
                DELETE FROM plan2_grain_state
                WHERE {GrainKeyMatches} AND version = @GrainStateVersion::int
                RETURNING version)
            SELECT (SELECT version + 1 FROM deleted) AS NewGrainStateVersion
            """,

        ["UpsertReminderRowKey"] = """
            INSERT INTO plan2_reminder AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_time = EXCLUDED.start_time, period_ms = EXCLUDED.period_ms,
                grain_hash = EXCLUDED.grain_hash, version = r.version + 1
            RETURNING version AS Version
            """,

        ["ReadReminderRowsKey"] = """
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
                   period_ms AS Period, version AS Version
            FROM plan2_reminder WHERE service_id = @ServiceId AND grain_id = @GrainId
            """,

        ["ReadReminderRowKey"] = """
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
                   period_ms AS Period, version AS Version
            FROM plan2_reminder
            WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
            """,

        // Range 1: a slice of the hash ring that does not wrap; range 2: one that wraps past the top.
        ["ReadRangeRows1Key"] = """
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
                   period_ms AS Period, version AS Version
            FROM plan2_reminder
            WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
            """,

        ["ReadRangeRows2Key"] = """
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
                   period_ms AS Period, version AS Version
            FROM plan2_reminder
            WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
            """,

        ["DeleteReminderRowKey"] = """
            WITH deleted AS (
                DELETE FROM plan2_reminder
                WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
                  AND version = @Version
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM deleted)
            """,

        ["DeleteReminderRowsKey"] = """
            DELETE FROM plan2_reminder WHERE service_id = @ServiceId
            """,
    };
}
