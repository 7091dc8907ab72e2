using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Plan2.Abstractions.Identity;
using Plan2.Api.Auth;
using Plan2.Api.Endpoints;
using Plan2.Api.Infrastructure;
using Plan2.Api.Streaming;
using Scalar.AspNetCore;

namespace Plan2.Api;

/// <summary>What a web host calls: <c>builder.AddPlan2Api()</c> and <c>app.MapPlan2Api()</c>.</summary>
public static class ApiHosting
{
    /// <summary>The authentication scheme API endpoints use: an API key when one is sent, otherwise a bearer token.</summary>
    public const string Scheme = "Plan2";

    public static void AddPlan2Api(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        var key = SigningKeySource.Load(options, builder.Configuration, out var keyWarning);
        if (keyWarning is not null)
            Console.Error.WriteLine("Warning: " + keyWarning);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(key);
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TenantQuotas>();
        services.AddSingleton<InstrumentReferences>();
        services.AddHostedService<BootstrapAdmin>();
        services.AddSingleton<LiveMarket>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveMarket>());
        services.AddSingleton<LiveActivity>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveActivity>());
        services.AddSingleton<LiveConnections>();
        services.AddHostedService<MarketHubForwarder>();
        services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.PayloadSerializerOptions.Converters.Add(new NotANumberAsNull());
            o.PayloadSerializerOptions.TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJsonContext.Default, // then reflection for every other type
                o.PayloadSerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
        });
        services.AddSingleton<Microsoft.AspNetCore.SignalR.HubLifetimeManager<MarketHub>, MarketHubLifetimeManager>(); // quotes: latest wins for a lagging client
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // unreadable JSON reaches ApiErrors with its reason
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new NotANumberAsNull()); // indicators are NaN while warming up: null, not "NaN"
            o.SerializerOptions.TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJsonContext.Default, // then reflection for every other type
                o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
        });
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());

        services.AddAuthentication()
            .AddPolicyScheme(Scheme, "API key or bearer token", o =>
                o.ForwardDefaultSelector = c => ApiKeyAuthenticationHandler.KeyOf(c.Request) is null ? JwtBearerDefaults.AuthenticationScheme : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.SaveToken = false; // nothing reads the token back from the ticket: storing it cost every request a properties entry
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(new CachingTokenHandler(TimeProvider.System) { MapInboundClaims = false });
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = Plan2Claims.UserId,
                    RoleClaimType = Plan2Claims.Role,
                    ClockSkew = TimeSpan.FromSeconds(5),
                };
                o.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSocket and server-sent-event requests: the live endpoints take the token from the query.
                    OnMessageReceived = c =>
                    {
                        if ((c.Request.Path.StartsWithSegments("/hubs") || c.Request.Path.StartsWithSegments("/ws")) && c.Request.Query["access_token"] is [{ Length: > 0 } token])
                            c.Token = token;
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = c => c.HttpContext.RequestServices.GetRequiredService<TenantQuotas>()
                        .WarmAsync(c.Principal!.FindFirst(Plan2Claims.Tenant)?.Value ?? ""),
                };
            });
        services.AddAuthorization(o => ApiPolicies.Add(o));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ForbiddenReasons>();
        services.AddRateLimiter(o => ApiRateLimits.Configure(o, options));
    }

    /// <summary>Adds the API's middleware (errors, authentication, rate limits) and maps /api, /health, OpenAPI and its reference page.</summary>
    public static void MapPlan2Api(this WebApplication app)
    {
        // Everything a program calls answers in problem details: REST, the plain socket, the hub and the health probes.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments(MarketSocket.Path)
                || c.Request.Path.StartsWithSegments(MarketHub.Path) || c.Request.Path.StartsWithSegments("/health"),
            api => api.UseMiddleware<ApiErrors>());
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // Only the plain socket needs the middleware: the hub's endpoint brings its own, and everywhere else
        // it cost each request a handshake feature it never used.
        app.UseWhen(c => c.Request.Path.StartsWithSegments(MarketSocket.Path), ws => ws.UseWebSockets());

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapHealthEndpoints();

        app.MapHub<MarketHub>(MarketHub.Path);
        app.Map(MarketSocket.Path, MarketSocket.HandleAsync).RequireAuthorization(ApiPolicies.Viewer).ExcludeFromDescription();

        var api = app.MapGroup("/api").AddEndpointFilter<TenantContextFilter>();
        api.MapAuthEndpoints();
        api.MapMeEndpoints();
        api.MapTenantEndpoints();
        api.MapMarketEndpoints();
        api.MapTradingEndpoints();
        api.MapAuditEndpoints();
    }
}
