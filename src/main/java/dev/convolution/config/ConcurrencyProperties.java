package dev.convolution.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 * @param maxComputations heavy computations (over 2^20 multiply-adds) running at the same time, all requests together
 * @param maxLightComputations light computations (2^20 multiply-adds or fewer) running at the same time: their own
 *     lane, so heavy work never takes the permits cheap work needs
 * @param retryAfterSeconds the {@code Retry-After} a saturated response carries
 * @param timeBudget how long one computation may run before it is stopped (504)
 * @param memoryFraction the share of the maximum heap that the requests admitted at once may hold
 *     ({@link dev.convolution.service.MemoryAdmission}); beyond it a request gets 503 before its body is read
 * @param memoryPerBodyByte the heap one request takes per byte of its body (parsing, the arrays, the result,
 *     writing it), as measured; used to size a request's reservation from its {@code Content-Length}
 */
@Validated
@ConfigurationProperties("convolution.concurrency")
public record ConcurrencyProperties(
        @DefaultValue("8") @Min(1) @Max(4096) int maxComputations,
        @DefaultValue("32") @Min(1) @Max(4096) int maxLightComputations,
        @DefaultValue("1") @Min(1) @Max(3600) int retryAfterSeconds,
        @DefaultValue("30s") @NotNull Duration timeBudget,
        @DefaultValue("0.5") @DecimalMin("0.05") @DecimalMax("0.9") double memoryFraction,
        @DefaultValue("5") @DecimalMin("0.5") @DecimalMax("100") double memoryPerBodyByte) {

    public ConcurrencyProperties {
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero() || timeBudget.toHours() > 24)) {
            throw new IllegalArgumentException("convolution.concurrency.time-budget must be positive and at most 24h; got " + timeBudget);
        }
    }
}
