package dev.convolution.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The port of streamed volumes ({@code convolution.stream.*}, environment {@code CONVOLUTION_STREAM_*}).
 *
 * @param port a second HTTP port that serves only the streamed arrays requests (POST /api/v1/arrays/convolve and
 *     /correlate; anything else there is a 404), for a gateway that passes streams at the TCP level: an HTTP proxy
 *     (nginx's) stops sending a request's body once the answer has started, which a stream's answer does before its
 *     body ends. 0 (the default) opens no such port; the main port serves streams as well
 */
@Validated
@ConfigurationProperties("convolution.stream")
public record StreamProperties(@DefaultValue("0") @Min(0) @Max(65535) int port) {
}
