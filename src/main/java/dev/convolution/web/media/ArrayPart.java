package dev.convolution.web.media;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request record's array field: in a {@code multipart/form-data} body it may come as a part of its own name
 * holding a {@code .npy} file or JSON. The multipart reader and the OpenAPI document both read this, so an array field
 * is declared once, where it is.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ArrayPart {
    /** True for a kernel or a weight: a {@code .npy} part is held to the kernel element limit, not the input's. */
    boolean kernel() default false;

    /** True when the part may also be a PNG (an images request's image). */
    boolean picture() default false;
}
