package dev.convolution.web.problem;

import dev.convolution.service.ComputationPermits;

/** A kind of problem response an operation may answer: its status and what it means, as the OpenAPI document says it. */
public enum ProblemResponse {
    INVALID(400, "Malformed JSON, wrong types, unknown fields, bad enum values (the allowed ones are listed), ragged or empty "
            + "arrays, a stride or dilation below 1, a kernel that does not fit in valid mode, a trace over the term limit, a field "
            + "sent twice; a request the server refuses at the HTTP level (malformed path, bad Content-Length, oversized header); "
            + "in a multipart body, a part that does not parse whole (a .npy with a bad magic, a truncated or unsupported one, a "
            + "corrupt PNG), an unknown part, a field sent both as a part and in options. errors names the fields and parts."),
    NOT_ACCEPTABLE(406, "The Accept header asks for a media type the endpoint cannot answer."),
    NOT_ACCEPTABLE_AS_ASKED(406, "The result cannot be given as Accept asks: a media type the endpoint does not answer; a trace "
            + "needs JSON; a colour PNG's result needs image/png; a .npy holds one gradient."),
    BODY_TIMEOUT(408, "The body did not arrive within convolution.limits.body-timeout (in the detail); the connection closes. "
            + "Problem type body-timeout."),
    TOO_LARGE(413, "A body over the byte limit or arrays over the element limits (the limit is in the detail)."),
    UNSUPPORTED_MEDIA_TYPE(415, "The body is neither application/json nor multipart/form-data, or it has a Content-Encoding "
            + "other than identity (the answer carries Accept-Encoding: identity)."),
    NOT_REPRESENTABLE(422, "The result cannot be represented (overflow to ±infinity or NaN); names the first such output."),
    SATURATED(503, "The request's lane is full (light: " + ComputationPermits.LIGHT_MULTIPLY_ADDS + " multiply-adds or fewer, "
            + "max-light-computations; heavy: max-computations; while the heavy lane is full a body over "
            + ComputationPermits.LIGHT_BODY_BYTES + " bytes is refused before it is read), or the service holds as much request "
            + "data as its memory admits (refused from Content-Length, before the body is read); retry after Retry-After seconds."),
    TIME_BUDGET(504, "The computation ran past the time budget (convolution.concurrency.time-budget, in the detail) and was "
            + "stopped; problem type time-budget, no Retry-After: the same request would take as long again.");

    private final int status;
    private final String description;

    ProblemResponse(int status, String description) {
        this.status = status;
        this.description = description;
    }

    public int status() {
        return status;
    }

    public String description() {
        return description;
    }
}
