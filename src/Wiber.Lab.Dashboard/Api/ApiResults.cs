using System.Text;
using Microsoft.AspNetCore.Http;

namespace Wiber.Lab.Dashboard.Api;

/// <summary>Answers in the API's JSON: results as <c>application/json</c>, errors as <see cref="Problem"/>.</summary>
internal static class ApiResults
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Text(ApiJson.Serialize(value), "application/json", Encoding.UTF8, status);

    public static IResult Problem(Exception exception) => Problem(Api.Problem.From(exception));

    public static IResult Problem(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Results.Text(ApiJson.Serialize(problem), Api.Problem.ContentType, Encoding.UTF8, problem.Status);
    }
}
