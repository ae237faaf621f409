using Postmortem.Analyzers.Shared;

namespace Postmortem.Analyzers.Tests.Shared;

/// <summary>The SQL reader behind PM0010: which statements update or delete every row of a table.</summary>
public sealed class SqlTextTests
{
    [Theory]
    [InlineData("DELETE FROM Orders", "DELETE", "Orders")]
    [InlineData("delete from orders;", "DELETE", "orders")]
    [InlineData("DELETE Orders", "DELETE", "Orders")]
    [InlineData("UPDATE Orders SET Archived = 1", "UPDATE", "Orders")]
    [InlineData("  update dbo.Orders set Archived = 1", "UPDATE", "dbo.Orders")]
    [InlineData("UPDATE [dbo].[Order Lines] SET Qty = 0", "UPDATE", "[dbo].[Order Lines]")]
    [InlineData("UPDATE \"public\".\"orders\" SET archived = true", "UPDATE", "\"public\".\"orders\"")]
    [InlineData("DELETE FROM `orders`", "DELETE", "`orders`")]
    [InlineData("DELETE FROM ONLY orders", "DELETE", "orders")]
    [InlineData("UPDATE Orders SET Total = (SELECT SUM(Amount) FROM Lines WHERE Lines.OrderId = Orders.Id)", "UPDATE", "Orders")]
    [InlineData("DELETE FROM Orders -- WHERE Id = @id", "DELETE", "Orders")]
    [InlineData("DELETE FROM Orders /* WHERE /* nested */ Id = @id */", "DELETE", "Orders")]
    [InlineData("UPDATE Orders SET Note = 'it''s WHERE it was'", "UPDATE", "Orders")]
    [InlineData("UPDATE Orders SET Note = E'WHERE \\' x'", "UPDATE", "Orders")]
    [InlineData("UPDATE Orders SET Note = $$WHERE$$", "UPDATE", "Orders")]
    [InlineData("UPDATE Orders SET Note = $tag$ WHERE $tag$", "UPDATE", "Orders")]
    [InlineData("UPDATE Orders SET [Where] = 1", "UPDATE", "Orders")]
    [InlineData("DELETE FROM Lines WHERE OrderId = @id; DELETE FROM Audit", "DELETE", "Audit")]
    [InlineData("SELECT 1; UPDATE Orders SET A = 1", "UPDATE", "Orders")]
    [InlineData("WITH old AS (SELECT Id FROM Orders WHERE CreatedAt < @d) DELETE FROM Orders", "DELETE", "Orders")]
    [InlineData("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) UPDATE counters SET n = 0", "UPDATE", "counters")]
    [InlineData("BEGIN TRANSACTION; DELETE FROM Carts; COMMIT;", "DELETE", "Carts")]
    [InlineData("UPDATE Orders SET A = 1 FROM Customers", "UPDATE", "Orders")]
    public void FindsUnfilteredWrite(string sql, string verb, string table)
    {
        var write = SqlText.FindUnfilteredWrite(sql);

        Assert.NotNull(write);
        Assert.Equal(verb, write.Value.Verb);
        Assert.Equal(table, write.Value.Table);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("DELETE FROM Orders WHERE Id = @id")]
    [InlineData("update Orders set A = 1 where Id = 1")]
    [InlineData("UPDATE Orders SET A = 1 -- comment\nWHERE Id = 1")]
    [InlineData("DELETE FROM Orders WHERE CURRENT OF c")]
    [InlineData("DELETE TOP (1000) FROM Orders")]
    [InlineData("UPDATE TOP(10) Orders SET A = 1")]
    [InlineData("DELETE FROM Orders LIMIT 100")]
    [InlineData("DELETE o FROM Orders o INNER JOIN Bans b ON b.Id = o.UserId")]
    [InlineData("UPDATE o SET o.A = 1 FROM Orders o JOIN Bans b ON b.Id = o.UserId")]
    [InlineData("DELETE FROM #staging")]
    [InlineData("DELETE FROM @ids")]
    [InlineData("UPDATE STATISTICS Orders")]
    [InlineData("TRUNCATE TABLE Orders")]
    [InlineData("SELECT * FROM Orders")]
    [InlineData("INSERT INTO Audit (Text) VALUES ('DELETE FROM Orders')")]
    [InlineData("-- DELETE FROM Orders\nSELECT 1")]
    [InlineData("/* UPDATE Orders SET A = 1 */ SELECT 1")]
    [InlineData("CREATE TABLE Lines (OrderId int REFERENCES Orders ON DELETE CASCADE)")]
    [InlineData("MERGE INTO Stock t USING Incoming s ON t.Id = s.Id WHEN MATCHED THEN UPDATE SET t.Qty = s.Qty")]
    [InlineData("WITH ids AS (SELECT Id FROM Orders) SELECT * FROM ids")]
    [InlineData("WITH ids AS (SELECT Id FROM Orders) DELETE FROM Orders WHERE Id IN (SELECT Id FROM ids)")]
    [InlineData("IF EXISTS (SELECT 1 FROM Orders) DELETE FROM Orders WHERE Id = 1")]
    [InlineData("DELETE FROM Orders WHERE Note = 'a;b'; SELECT 1")]
    [InlineData("UPDATE Orders SET A = 'unterminated")]
    [InlineData("DELETE FROM Orders /* unterminated")]
    [InlineData("UPDATE")]
    [InlineData("DELETE FROM")]
    public void FindsNothing(string sql)
    {
        Assert.Null(SqlText.FindUnfilteredWrite(sql));
    }
}
