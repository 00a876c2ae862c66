using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Api.Features.Shared;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Payments;
using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Api.Features.Sandbox;

internal sealed record SandboxAccountResponse(string AccountId, string Number, string Name, string Kind, string Currency, string Balance, string Status);

internal sealed record SandboxCustomerResponse(string Handle, string Name, string Email, string Persona, string Password, IReadOnlyList<SandboxAccountResponse> Accounts);

/// <summary>The test customers as the sandbox holds them now: who they are, how they sign in, their accounts and balances.</summary>
internal static class SandboxCustomers
{
    public static async Task<Ok<ListResponse<SandboxCustomerResponse>>> ListAsync(BankDbContext db, HttpContext context)
    {
        var customers = await db.Customers.AsNoTracking().Where(c => c.Sandbox).OrderBy(c => c.Id).ToListAsync(context.RequestAborted);
        var ids = customers.Select(c => c.Id).ToArray();
        var accounts = (await db.Accounts.AsNoTracking().Where(a => a.CustomerId != null && ids.Contains(a.CustomerId)).OrderBy(a => a.Id)
            .ToListAsync(context.RequestAborted)).ToLookup(a => a.CustomerId!);
        var personas = TestCustomers.All.ToDictionary(p => p.Subject, StringComparer.Ordinal);
        var data = customers.Where(c => personas.ContainsKey(c.Subject)).Select(c =>
        {
            var persona = personas[c.Subject];
            return new SandboxCustomerResponse(persona.Handle, persona.Name, persona.Email, persona.Kind, TestCustomers.Password,
                [.. accounts[c.Id].Select(a => new SandboxAccountResponse(a.Id, a.Number, a.Name, a.Kind, a.Currency,
                    Currencies.Format(a.BookedBalance, a.Currency), a.Status))]);
        }).ToList();
        return TypedResults.Ok(new ListResponse<SandboxCustomerResponse>(data, new ListLinks(context.Request.GetEncodedUrl()), new ListMeta(TotalPages: 1)));
    }
}
