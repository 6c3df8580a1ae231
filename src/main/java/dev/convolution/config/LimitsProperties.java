package dev.convolution.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Size limits of requests and results ({@code convolution.limits.*}, environment
 * {@code CONVOLUTION_LIMITS_*}). A request over a size limit gets 413, a trace over the term limit 400.
 *
 * @param maxBodyBytes largest request body in bytes
 * @param maxInputElements largest signal or image, in elements
 * @param maxKernelElements largest kernel, in elements
 * @param maxOutputElements largest output, in elements
 * @param maxPaddedElements largest padded input the computation may build, in elements
 * @param maxTraceTerms most terms a trace or explanation may list
 * @param bodyTimeout longest time a request body may take to arrive, from its first byte read to its last
 *     (408 beyond it): a client that trickles its body holds a connection for at most this long
 * @param maxMultiplyAdds most multiply-adds one layer request may take (forward, each gradient asked for, or a transposed
 *     convolution, together; 413 beyond it)
 * @param bodyReads how request bodies are read: {@code auto} (the default) reads them with blocking reads where
 *     requests run on virtual threads (Java 21+ with {@code spring.threads.virtual.enabled}), which park cheaply,
 *     and with the Servlet API's non-blocking input before the request is handled where they run on platform
 *     threads (Java 17), so that clients trickling their bodies hold no request thread; {@code blocking} and
 *     {@code non-blocking} choose one way everywhere
 * @param maxStreamedBytes largest {@code .npy} data of an input streamed to the arrays endpoints (the last part of a
 *     multipart body of unknown length or over {@code maxBodyBytes}; 413 above), and so about the largest output written
 * @param streamBlockBytes about how much of a streamed input (as doubles) one block of its computation gathers: the heap a
 *     stream holds is about three times this (the rows in the kernel's reach, the block computed, the next one gathering)
 */
@Validated
@ConfigurationProperties("convolution.limits")
public record LimitsProperties(
        @DefaultValue("67108864") @Min(1024) long maxBodyBytes,
        @DefaultValue("4194304") @Min(1) @Max(Integer.MAX_VALUE - 8) int maxInputElements,
        @DefaultValue("1048576") @Min(1) @Max(Integer.MAX_VALUE - 8) int maxKernelElements,
        @DefaultValue("16777216") @Min(1) @Max(Integer.MAX_VALUE - 8) long maxOutputElements,
        @DefaultValue("33554432") @Min(1) @Max(Integer.MAX_VALUE - 8) long maxPaddedElements,
        @DefaultValue("100000") @Min(1) long maxTraceTerms,
        @DefaultValue("60s") Duration bodyTimeout,
        @DefaultValue("4294967296") @Min(1) long maxMultiplyAdds,
        @DefaultValue("auto") BodyReads bodyReads,
        @DefaultValue("68719476736") @Min(1024) long maxStreamedBytes,
        @DefaultValue("16777216") @Min(1024) long streamBlockBytes) {

    /** How request bodies are read; see {@link LimitsProperties#bodyReads()}. */
    public enum BodyReads {
        AUTO, BLOCKING, NON_BLOCKING
    }
}
