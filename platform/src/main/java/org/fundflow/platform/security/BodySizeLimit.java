package org.fundflow.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies larger than the limit with 413, before anything reads them: by Content-Length when it is
 * given, and by counting when the body is chunked (the read then fails with {@link TooLarge}, which the problem
 * handler turns into 413). Multipart uploads are left to the servlet container's multipart limits, which each
 * importing service sets for its files.
 */
public class BodySizeLimit extends OncePerRequestFilter {
    private final long limit;
    private final JsonMapper json;

    public BodySizeLimit(long limit, JsonMapper json) {
        this.limit = limit;
        this.json = json;
    }

    /** A chunked body went past the limit while being read. */
    public static final class TooLarge extends IOException {
        public TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase().startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            ServiceSecurity.write(json, request, response, HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
                    "the request body is " + request.getContentLengthLong() + " bytes; the limit is " + limit);
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Counting(request, limit) : request, response);
    }

    private static final class Counting extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Counting(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > limit) {
                            throw new TooLarge(limit);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > limit) {
                            throw new TooLarge(limit);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
