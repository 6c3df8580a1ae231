package dev.convolution.web.media;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation (on its API interface) whose result may also be answered in binary media types: the OpenAPI
 * document lists them beside JSON ({@link MediaDocs}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BinaryAnswer {
    /** What the {@code .npy} answer holds, when it is not the result array itself. */
    String npy() default "the result array alone";

    /** True when the result may also be a PNG (images). */
    boolean png() default false;
}
