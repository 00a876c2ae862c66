namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// One database transaction around several saves, under the context's execution strategy. Npgsql's retrying strategy
/// refuses a transaction begun outside it, and a transient failure re-runs the whole unit, never half of it.
/// </summary>
public static class DbContextTransactions
{
    public static Task InTransactionAsync(this DbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async token =>
        {
            await work(token);
            return true;
        }, cancellationToken);

    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);
}
