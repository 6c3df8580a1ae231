/** Which request bodies are read, and how: content coding, byte limit, body timeout, memory admission, non-blocking reads. */
package dev.convolution.web.body;
