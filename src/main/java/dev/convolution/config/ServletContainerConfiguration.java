package dev.convolution.config;

import dev.convolution.api.BodyReadingValve;
import dev.convolution.api.ProblemErrorReportValve;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The servlet container's own behaviour, where no Spring property reaches it:
 * <ul>
 *   <li>its error report is {@link ProblemErrorReportValve} (problem details, not an HTML page), in
 *       place of the one Spring Boot installs;</li>
 *   <li>{@code Expect: 100-continue} is answered only when the service starts reading the body
 *       ({@code continueResponseTiming=onRead}), so a body refused from its headers alone (too large,
 *       wrong content coding) is refused before the client sends it; a body read with non-blocking input
 *       gets its 100 from {@link BodyReadingValve} when that read starts;</li>
 *   <li>{@link BodyReadingValve} tells the body admission what the connector holds of a body already.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ServletContainerConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> servletContainerCustomizer(JsonMapper json) {
        return new Customizer(json);
    }

    /** Runs after Spring Boot's own Tomcat customizer (order 0), so the valve it adds can be replaced. */
    private static final class Customizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        private final JsonMapper json;

        Customizer(JsonMapper json) {
            this.json = json;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
            factory.addContextCustomizers(context -> {
                context.getPipeline().addValve(new BodyReadingValve());
                if (context.getParent() instanceof Host host) {
                    for (Valve v : host.getPipeline().getValves()) {
                        if (v instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(v);
                        }
                    }
                    host.getPipeline().addValve(new ProblemErrorReportValve(json));
                    if (host instanceof StandardHost standard) {
                        // the host adds a valve of this class at start unless one is there: ours is
                        standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    }
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
