using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OrdersService.Migrations
{
    /// <inheritdoc />
    public partial class ShipmentTrackingAndTimeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Not flagged: a NOT NULL column with a constant default only changes the catalog on PostgreSQL 11+.
            migrationBuilder.AddColumn<string>(
                name: "Carrier",
                table: "Shipments",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Not flagged: a nullable column without a default leaves the rows as they are.
            migrationBuilder.AddColumn<string>(
                name: "TrackingNumber",
                table: "Shipments",
                type: "text",
                nullable: true);

            // PM0011: a plain CREATE INDEX holds a SHARE lock on the status history, the table every order change
            // inserts into, for as long as it takes to index all of its rows: checkout stalls until it is done.
            migrationBuilder.CreateIndex(
                name: "IX_OrderStatusChanges_OrderId_ChangedAt",
                table: "OrderStatusChanges",
                columns: new[] { "OrderId", "ChangedAt" });

            // Not flagged: built concurrently (IsCreatedConcurrently() in the model), writes go on meanwhile.
            migrationBuilder.CreateIndex(
                name: "IX_Shipments_TrackingNumber",
                table: "Shipments",
                column: "TrackingNumber")
                .Annotation("Npgsql:CreatedConcurrently", true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OrderStatusChanges_OrderId_ChangedAt",
                table: "OrderStatusChanges");

            migrationBuilder.DropIndex(
                name: "IX_Shipments_TrackingNumber",
                table: "Shipments");

            migrationBuilder.DropColumn(
                name: "Carrier",
                table: "Shipments");

            migrationBuilder.DropColumn(
                name: "TrackingNumber",
                table: "Shipments");
        }
    }
}
