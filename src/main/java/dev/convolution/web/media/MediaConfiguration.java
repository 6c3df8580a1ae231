package dev.convolution.web.media;

import dev.convolution.config.LimitsProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request and result bodies beyond Jackson's own converter: JSON requests with arrays read at the wire's speed;
 * multipart/form-data requests (arrays as .npy or JSON parts, an image as PNG) read into the same request
 * records as JSON, through the body limits (Spring's own multipart resolver is off, so nothing reads a body around them);
 * results as .npy or PNG when Accept asks for them.
 */
@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    @Bean
    ServerHttpMessageConvertersCustomizer binaryBodies(JsonMapper json, LimitsProperties limits) {
        return builder -> builder.addCustomConverter(new JsonRequestConverter(json))
                .addCustomConverter(new MultipartRequestConverter(json, limits.maxInputElements(), limits.maxKernelElements(),
                        limits.maxBodyBytes(), limits.maxStreamedBytes()))
                .addCustomConverter(new BinaryResultConverter());
    }
}
