package dev.convolution.api;

import dev.convolution.service.LayerService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/layers", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
class LayerController implements LayerApi {
    private final LayerService service;
    private final LayerMapper mapper;

    LayerController(LayerService service, LayerMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    @PostMapping("/conv1d")
    public LayerResponses.Output conv1d(@RequestBody LayerRequest.Forward r) {
        return mapper.forwardResponse(service.compute(mapper.command(1, r)));
    }

    @Override
    @PostMapping("/conv2d")
    public LayerResponses.Output conv2d(@RequestBody LayerRequest.Forward r) {
        return mapper.forwardResponse(service.compute(mapper.command(2, r)));
    }

    @Override
    @PostMapping("/conv3d")
    public LayerResponses.Output conv3d(@RequestBody LayerRequest.Forward r) {
        return mapper.forwardResponse(service.compute(mapper.command(3, r)));
    }

    @Override
    @PostMapping("/conv1d/backward")
    public LayerResponses.Gradients conv1dBackward(@RequestBody LayerRequest.Backward r) {
        return mapper.gradientsResponse(service.compute(mapper.command(1, r)));
    }

    @Override
    @PostMapping("/conv2d/backward")
    public LayerResponses.Gradients conv2dBackward(@RequestBody LayerRequest.Backward r) {
        return mapper.gradientsResponse(service.compute(mapper.command(2, r)));
    }

    @Override
    @PostMapping("/conv3d/backward")
    public LayerResponses.Gradients conv3dBackward(@RequestBody LayerRequest.Backward r) {
        return mapper.gradientsResponse(service.compute(mapper.command(3, r)));
    }

    @Override
    @PostMapping("/conv-transpose1d")
    public LayerResponses.Output convTranspose1d(@RequestBody LayerRequest.Transpose r) {
        return mapper.transposeResponse(service.compute(mapper.command(1, r)));
    }

    @Override
    @PostMapping("/conv-transpose2d")
    public LayerResponses.Output convTranspose2d(@RequestBody LayerRequest.Transpose r) {
        return mapper.transposeResponse(service.compute(mapper.command(2, r)));
    }

    @Override
    @PostMapping("/conv-transpose3d")
    public LayerResponses.Output convTranspose3d(@RequestBody LayerRequest.Transpose r) {
        return mapper.transposeResponse(service.compute(mapper.command(3, r)));
    }

    @Override
    @PostMapping("/explain")
    public LayerResponses.Explanation explain(@RequestBody LayerExplainRequest r) {
        var command = mapper.command(r);
        return mapper.explainResponse(r.layer(), command, service.explain(command));
    }
}
