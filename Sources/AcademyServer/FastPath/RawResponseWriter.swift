import NIOCore

/// The first handler of a connection's pipeline, next to the socket. ``FastPathHandler`` writes
/// finished HTTP/1.1 bytes through its context, past NIO's response encoder; everything else
/// passes through unchanged.
final class RawResponseWriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = IOData

    /// The handler's context while it is in a pipeline.
    private(set) var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }
}
