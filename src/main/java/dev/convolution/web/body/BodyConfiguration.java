package dev.convolution.web.body;

import dev.convolution.config.LimitsProperties;
import dev.convolution.config.StreamProperties;
import dev.convolution.service.ComputationPermits;
import dev.convolution.service.MemoryAdmission;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Body admission before anything reads a body (after the request id and the response headers), and what it needs
 * from the servlet container: {@code Expect: 100-continue} answered only when the service starts reading the body
 * ({@code continueResponseTiming=onRead}), so a body refused from its headers alone is refused before the client sends
 * it, and {@link BodyReadingValve}, which tells the admission what the connector holds of a body already.
 */
@Configuration(proxyBeanMethods = false)
class BodyConfiguration {

    @Bean
    FilterRegistrationBean<BodyAdmissionFilter> bodyAdmissionFilter(LimitsProperties limits, MemoryAdmission memory, ComputationPermits permits,
            JsonMapper json, Environment environment, StreamProperties stream) {
        FilterRegistrationBean<BodyAdmissionFilter> r = new FilterRegistrationBean<>(new BodyAdmissionFilter(limits.maxBodyBytes(),
                limits.bodyTimeout(), memory, permits, json, nonBlockingBodyReads(limits.bodyReads(), environment),
                limits.maxStreamedBytes(), stream.port()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        r.addUrlPatterns("/*");
        r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return r;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> bodyReading() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
            factory.addContextCustomizers(context -> context.getPipeline().addValve(new BodyReadingValve()));
        };
    }

    /**
     * The stream port ({@code convolution.stream.port}), when set: a second connector with the main one's read timeout
     * and swallow limit, whose requests the admission filter holds to the streamed arrays requests.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> streamPort(StreamProperties stream, Environment environment) {
        return factory -> {
            if (stream.port() <= 0) {
                return;
            }
            org.apache.catalina.connector.Connector c = new org.apache.catalina.connector.Connector();
            c.setPort(stream.port());
            String address = environment.getProperty("server.address");
            if (address != null) {
                c.setProperty("address", address);
            }
            java.time.Duration timeout = environment.getProperty("server.tomcat.connection-timeout", java.time.Duration.class,
                    java.time.Duration.ofSeconds(20));
            c.setProperty("connectionTimeout", String.valueOf(timeout.toMillis()));
            c.setProperty("maxSwallowSize", "0");
            factory.addAdditionalConnectors(c);
        };
    }

    /** Non-blocking body reads unless requests run on virtual threads, or as configured. */
    static boolean nonBlockingBodyReads(LimitsProperties.BodyReads reads, Environment environment) {
        return switch (reads) {
            case AUTO -> !Threading.VIRTUAL.isActive(environment);
            case BLOCKING -> false;
            case NON_BLOCKING -> true;
        };
    }
}
