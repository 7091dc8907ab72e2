using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Plan2.Api.Infrastructure;

/// <summary>Tells the OpenAPI document (and so the reference page) how to authenticate: a bearer token or an API key.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
            Description = "Access token from POST /api/auth/sign-in.",
        };
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Auth.ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key from POST /api/tenants/{tenantId}/api-keys.",
        };
        return Task.CompletedTask;
    }
}
