package dev.convolution.web.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem responses the operations of an API interface may answer, listed in the OpenAPI document for each of
 * them ({@link ProblemDocs}); the kinds are described once, in {@link ProblemResponse}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProblemResponses {
    ProblemResponse[] value();
}
