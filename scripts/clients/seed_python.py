#!/usr/bin/env python3
"""The seed examples through the Python client that openapi-generator makes from the service's own
OpenAPI document (scripts/client-check generates it and runs this with it on the path):
1D convolution, 2D convolution with a [2, 1] stride, a complex matched filter read as a typed ComplexArray, explain for convolution and for mirrored
cross-correlation, and one error, every response field read through its typed model. Values come from the seeds (quoted) or from
numpy/scipy."""
import sys

import numpy as np
import scipy.signal

import convolution_client as cc

base = sys.argv[1]
client = cc.ApiClient(cc.Configuration(host=base))
signals = cc.SignalsApi(client)
images = cc.ImagesApi(client)
explain = cc.ExplainApi(client)
arrays = cc.ArraysApi(client)
checked = []


def check(name, cond, got):
    if not cond:
        sys.exit("seed_python: %s: got %r" % (name, got))
    checked.append(name)


# numpy's example: np.convolve([2,1,3,5,4], [1,-1], 'valid'), traced
r = signals.convolve_signal(cc.SignalConvolutionRequest(signal=cc.SignalData(actual_instance=[2, 1, 3, 5, 4]), kernel=cc.SignalKernel(actual_instance=[1, -1]), mode="valid",
                                                        trace=cc.TraceRequest(outputs=[[0]])))
check("1D output", r.output.actual_instance == [-1, 2, 2, -1], r.output.actual_instance)
check("1D typed", all(isinstance(v, (int, float)) for v in r.output.actual_instance) and isinstance(r.shape[0], int), r)
check("1D fields", (r.operation, r.mode, r.boundary, r.method, r.index_origin, r.shape, r.output_start, r.stride, r.dilation)
      == ("convolution", "valid", "fill", "direct", "corner", [4], [0], [1], [1]), r)
check("1D kernel as applied", r.kernel_as_applied.actual_instance == [-1, 1], r.kernel_as_applied.actual_instance)
check("1D formula", r.formula == "y[m] = Σ_k h[k]·x[m+1−k]", r.formula)
t = r.trace[0]
check("1D trace", t.output == [0] and t.value.actual_instance == -1 and [(x.input, x.kernel, x.input_value.actual_instance,
      x.kernel_value.actual_instance, x.product.actual_instance, x.padded)
      for x in t.terms] == [([0], [1], 2, -1, -2, False), ([1], [0], 1, 1, 1, False)], t)

# correlation, sliding (np.correlate)
r = signals.correlate_signal(cc.SignalCorrelationRequest(signal=cc.SignalData(actual_instance=[2, 1, 3, 5, 4]), kernel=cc.SignalKernel(actual_instance=[1, -1]),
                                                         mode="valid"))
check("1D correlation", r.output.actual_instance == [1, -2, -2, 1] and r.correlation_convention == "sliding", r)

# 2D: the 7x7 image 1..49 with the kernel 1..9, same, stride [2, 1]
image = [[7 * i + j + 1 for j in range(7)] for i in range(7)]
kernel = [[3 * i + j + 1 for j in range(3)] for i in range(3)]
r = images.convolve_image(cc.ImageConvolutionRequest(image=cc.ImageData(actual_instance=image), kernel=cc.ImageKernel(actual_instance=kernel), mode="same",
                                                     stride=cc.AxisPair(actual_instance=[2, 1])))
check("2D shape", r.shape == [4, 7] and r.stride == [2, 1] and len(r.output.actual_instance) == 4 and len(r.output.actual_instance[0]) == 7, r)
check("2D typed", all(isinstance(v, (int, float)) for row in r.output.actual_instance for v in row), r.output.actual_instance)
expected = scipy.signal.convolve2d(np.array(image), np.array(kernel), mode="same")[::2, ::1]
check("2D values", np.array_equal(np.array(r.output.actual_instance), expected), r.output.actual_instance)
check("2D kernel as applied", r.kernel_as_applied.actual_instance == [[9, 8, 7], [6, 5, 4], [3, 2, 1]], r.kernel_as_applied.actual_instance)

# a 3D array filtered along its last axis
r = arrays.convolve_array(cc.ArrayConvolutionRequest(input=cc.ArrayData(actual_instance=cc.NestedArray(actual_instance=[[[1, 2, 3, 4, 5]]])),
                                                     kernel=cc.ArrayKernel(actual_instance=cc.NestedArray(actual_instance=[[[1, 1]]])),
                                                     mode="valid"))
expected = scipy.signal.convolve(np.array([[[1, 2, 3, 4, 5]]]), np.array([[[1, 1]]]), mode="valid")
check("3D output", np.array_equal(np.array(r.output.actual_instance.actual_instance), expected) and r.shape == [1, 1, 4], r)

# a named kernel: OpenCV's 3x3 Gaussian, symmetric (convolution equals correlation) and separable
r = images.convolve_image(cc.ImageConvolutionRequest(image=cc.ImageData(actual_instance=image), kernel=cc.ImageKernel(actual_instance=cc.NamedKernel(
    name="gaussian", size=3)), mode="same", boundary="reflect"))
g = np.outer([0.25, 0.5, 0.25], [0.25, 0.5, 0.25])
expected = scipy.signal.convolve2d(np.pad(np.array(image, float), 1, mode="reflect"), g, mode="valid")
check("named kernel", r.kernel.name == "gaussian" and r.kernel.symmetric is True and r.kernel.separable is True
      and np.allclose(np.array(r.output.actual_instance), expected, rtol=1e-12), r.kernel)

# complex: a matched filter; numpy.correlate conjugates its second argument, and so does the service
x = np.array([0, 0, 0, 1, 1j, -1, -1j, 0, 0])
h = np.array([1, 1j, -1, -1j])
r = signals.correlate_signal(cc.SignalCorrelationRequest(
    signal=cc.SignalData(actual_instance=cc.ComplexArray(re=cc.NestedArray(actual_instance=x.real.tolist()),
                                                         im=cc.NestedArray(actual_instance=x.imag.tolist()))),
    kernel=cc.SignalKernel(actual_instance=cc.ComplexArray(re=cc.NestedArray(actual_instance=h.real.tolist()),
                                                           im=cc.NestedArray(actual_instance=h.imag.tolist()))), mode="valid"))
y = r.output.actual_instance
check("complex typed", isinstance(y, cc.ComplexArray) and r.dtype == "complex128", r)
got = np.array(y.re.actual_instance) + 1j * np.array(y.im.actual_instance)
check("complex matched filter", np.allclose(got, np.correlate(x, h, "valid")) and r.formula == "y[m] = Σ_k conj(h[k])·x[m+k]", got)

symbols = [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]
# explain, convolution: y[1,1] meets x[0..2, 0..2] with the kernel flipped
e = explain.explain(cc.ExplainRequest(operation="convolution", input_shape=[7, 7], kernel_shape=[3, 3], mode="same",
                                      index_origin="center", outputs=[[1, 1]],
                                      kernel_symbols=cc.ExplainRequestKernelSymbols(actual_instance=symbols)))
line = "y[1,1] = x[0,0]·i + x[0,1]·h + x[0,2]·g + x[1,0]·f + x[1,1]·e + x[1,2]·d + x[2,0]·c + x[2,1]·b + x[2,2]·a"
check("explain convolution", e.outputs[0].formula == line and e.output_shape == [7, 7] and e.output_start == [-3, -3], e)
check("explain terms", [(x.input, x.kernel, x.symbol, x.padded) for x in e.outputs[0].terms][0] == ([0, 0], [1, 1], "i", False), e)

# explain, mirrored cross-correlation: the same patch unflipped at y[-1,-1]
e = explain.explain(cc.ExplainRequest(operation="cross-correlation", correlation_convention="mirrored", input_shape=[7, 7],
                                      kernel_shape=[3, 3], mode="same", index_origin="center", outputs=[[-1, -1]],
                                      kernel_symbols=cc.ExplainRequestKernelSymbols(actual_instance=symbols)))
line = "y[-1,-1] = x[0,0]·a + x[0,1]·b + x[0,2]·c + x[1,0]·d + x[1,1]·e + x[1,2]·f + x[2,0]·g + x[2,1]·h + x[2,2]·i"
check("explain mirrored", e.outputs[0].formula == line, e.outputs[0].formula)

# one error: a ragged image, as a problem naming the field
try:
    images.convolve_image(cc.ImageConvolutionRequest(image=cc.ImageData(actual_instance=[[1, 2], [3]]), kernel=cc.ImageKernel(actual_instance=[[1]])))
    sys.exit("seed_python: a ragged image was accepted")
except cc.ApiException as ex:
    problem = ex.data  # the client reads the problem+json body into the typed Problem model
    check("error", isinstance(problem, cc.Problem) and ex.status == 400 and problem.status == 400
          and problem.errors[0].var_field == "image[1]"
          and problem.type == "urn:convolution:problem:invalid-request" and problem.request_id, problem)

print("seed_python: %d checks passed: %s" % (len(checked), ", ".join(checked)))
