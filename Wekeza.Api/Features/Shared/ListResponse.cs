namespace Wekeza.Api.Features.Shared;

/// <summary>The envelope of every list: <c>{ data, links, meta }</c>, paged by cursor through the links.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Data, ListLinks Links, ListMeta Meta);

/// <summary>Absolute URLs; <c>next</c> and <c>prev</c> are left out where there is no such page.</summary>
public sealed record ListLinks(string Self, string? Next = null, string? Prev = null);

/// <summary><c>totalPages</c> where it is known; cursor-paged lists (transactions) leave it null rather than count.</summary>
public sealed record ListMeta(int? TotalPages);
