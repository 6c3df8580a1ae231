/** Binary bodies: multipart/form-data requests with .npy, PNG or JSON parts, and .npy or PNG answers. */
package dev.convolution.web.media;
