package dev.convolution.api.explain;

import dev.convolution.service.ConvolutionService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ExplainController implements ExplainApi {
    private final ConvolutionService service;
    private final ExplainMapper mapper;

    ExplainController(ConvolutionService service, ExplainMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    @PostMapping(path = "/api/v1/explain", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ExplainResponse explain(@RequestBody ExplainRequest r) {
        return mapper.response(service.explain(mapper.command(r)));
    }
}
