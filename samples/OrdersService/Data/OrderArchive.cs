using System.Data.Common;

namespace OrdersService.Data;

public sealed record ArchivedOrder(Guid Id, decimal Total, bool Exported);

/// <summary>
/// The relational archive of shipped orders, read and maintained with plain ADO.NET over the application's
/// <see cref="DbDataSource"/> (Npgsql's in production).
/// </summary>
public sealed class OrderArchive(DbDataSource dataSource)
{
    public async Task<IReadOnlyList<ArchivedOrder>> GetForExportAsync(IReadOnlyList<Guid> orderIds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var orders = new List<ArchivedOrder>(orderIds.Count);
        foreach (var id in orderIds)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT total, exported FROM archived_orders WHERE id = @id";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "id";
            parameter.Value = id;
            command.Parameters.Add(parameter);

            // PM0009: one query per order; an export of 20,000 orders is 20,000 round-trips on one pooled connection.
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                orders.Add(new ArchivedOrder(id, reader.GetDecimal(0), reader.GetBoolean(1)));
            }
        }

        return orders;
    }

    public async Task<IReadOnlyList<ArchivedOrder>> GetForExportInOneQueryAsync(IReadOnlyList<Guid> orderIds, CancellationToken ct)
    {
        // Not flagged: one round-trip for the whole list (PostgreSQL's '= ANY' over an array parameter).
        await using var command = dataSource.CreateCommand("SELECT id, total, exported FROM archived_orders WHERE id = ANY(@ids)");
        var parameter = command.CreateParameter();
        parameter.ParameterName = "ids";
        parameter.Value = orderIds.ToArray();
        command.Parameters.Add(parameter);

        var orders = new List<ArchivedOrder>(orderIds.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            orders.Add(new ArchivedOrder(reader.GetGuid(0), reader.GetDecimal(1), reader.GetBoolean(2)));
        }

        return orders;
    }

    public async Task<int> ResetExportFlagsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand();

        // PM0010: no WHERE clause; every archived order is rewritten in one statement that locks the table while it runs.
        command.CommandText = "UPDATE archived_orders SET exported = false";
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<int> ResetExportFlagsSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand();

        // Not flagged: the statement says which rows.
        command.CommandText = "UPDATE archived_orders SET exported = false WHERE exported AND archived_at >= @since";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "since";
        parameter.Value = since;
        command.Parameters.Add(parameter);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
