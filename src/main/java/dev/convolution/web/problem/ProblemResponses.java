package dev.convolution.web.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * What the operations of an API interface do, which says the problem responses they may answer: the OpenAPI document
 * lists them for each operation ({@link ProblemDocs}); each kind is described once, in {@link ProblemResponse}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProblemResponses {
    Kind value();

    /** What an operation does, and so what it may fail with. */
    enum Kind {
        /** Takes a body and computes: every problem, a result that overflows and the time budget among them. */
        COMPUTE(ProblemResponse.INVALID, ProblemResponse.NOT_ACCEPTABLE_AS_ASKED, ProblemResponse.BODY_TIMEOUT, ProblemResponse.TOO_LARGE,
                ProblemResponse.UNSUPPORTED_MEDIA_TYPE, ProblemResponse.NOT_REPRESENTABLE, ProblemResponse.SATURATED,
                ProblemResponse.TIME_BUDGET),
        /** Takes a body and explains it from shapes alone: no result to overflow, no computation to time out. */
        EXPLAIN(ProblemResponse.INVALID, ProblemResponse.NOT_ACCEPTABLE, ProblemResponse.BODY_TIMEOUT, ProblemResponse.TOO_LARGE,
                ProblemResponse.UNSUPPORTED_MEDIA_TYPE, ProblemResponse.SATURATED),
        /** Reads what the service holds, with no body. */
        READ(ProblemResponse.NOT_ACCEPTABLE);

        private final List<ProblemResponse> responses;

        Kind(ProblemResponse... responses) {
            this.responses = List.of(responses);
        }

        public List<ProblemResponse> responses() {
            return responses;
        }
    }
}
