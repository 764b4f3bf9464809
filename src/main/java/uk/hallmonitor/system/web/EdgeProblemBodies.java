package uk.hallmonitor.system.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Gives a problem body to the 4xx answers that the HTTP server writes itself, before any of our code runs: 414 for a
 * request line that is too long, 431 for headers that are too large, 400 for a request it cannot parse. Without this
 * they arrive with an empty body, unlike every other refusal.
 */
@Configuration(proxyBeanMethods = false)
class EdgeProblemBodies {

    static final String HANDLER = "hallmonitor.edgeProblemBodies";

    @Bean
    NettyServerCustomizer problemBodiesForServerRefusals() {
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new Writer());
            }
        });
    }

    /** Replaces an empty 4xx response on its way out with the same status and a problem body. */
    static final class Writer extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof FullHttpResponse response && response.status().code() >= 400
                    && response.status().code() < 500 && !response.content().isReadable()
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
                    && response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH, 0) == 0) {
                byte[] body = body(response.status().code()).getBytes(StandardCharsets.UTF_8);
                FullHttpResponse replaced = response.replace(Unpooled.wrappedBuffer(body));
                response.release();
                replaced.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                ctx.write(replaced, promise);
                return;
            }
            ctx.write(msg, promise);
        }

        static String body(int status) {
            String title;
            String detail;
            switch (status) {
                case 414 -> {
                    title = "URI too long";
                    detail = "the request line is longer than the server accepts (4 KB); shorten the query or send"
                            + " the values in a JSON body";
                }
                case 431 -> {
                    title = "Request header fields too large";
                    detail = "the request headers are larger than the server accepts (8 KB in all); send fewer or"
                            + " shorter headers or cookies";
                }
                case 413 -> {
                    title = "Request too large";
                    detail = "the request body is larger than the server accepts; send less";
                }
                case 400 -> {
                    title = "Bad request";
                    detail = "the request could not be read as HTTP/1.1 (bad request line, header or encoding);"
                            + " check the address and headers";
                }
                default -> {
                    title = "Request refused";
                    detail = "the server refused the request before it reached the service";
                }
            }
            return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                    + detail + "\"}";
        }
    }
}
