package dev.convolution.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many computations run at once ({@code convolution.concurrency.*}, environment
 * {@code CONVOLUTION_CONCURRENCY_*}). A request that finds every permit taken gets 503 with
 * {@code Retry-After} at once instead of queueing.
 *
 * @param maxComputations computations running at the same time, all requests together
 * @param retryAfterSeconds the {@code Retry-After} a saturated response carries
 * @param timeBudget how long one computation may run before it is stopped (413)
 */
@Validated
@ConfigurationProperties("convolution.concurrency")
public record ConcurrencyProperties(
        @DefaultValue("8") @Min(1) @Max(4096) int maxComputations,
        @DefaultValue("1") @Min(1) @Max(3600) int retryAfterSeconds,
        @DefaultValue("30s") @NotNull Duration timeBudget) {

    public ConcurrencyProperties {
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero() || timeBudget.toHours() > 24)) {
            throw new IllegalArgumentException("convolution.concurrency.time-budget must be positive and at most 24h; got " + timeBudget);
        }
    }
}
