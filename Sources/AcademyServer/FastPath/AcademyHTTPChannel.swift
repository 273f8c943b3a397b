import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with the ``FastPathHandler`` placed right after NIO's HTTP/1
/// decoder, and the ``RawResponseWriter`` it writes through next to the socket, where files can
/// still go out with `sendfile`.
struct AcademyHTTPChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let fastPath: FastPath?

    var responder: HTTPChannelHandler.Responder { inner.responder }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            if let fastPath {
                // A 64 KB range with its head must not cross the high water mark (64 KB by default):
                // each crossing sends writability changes through the whole pipeline, twice.
                try channel.syncOptions?.setOption(ChannelOptions.writeBufferWaterMark, value: .init(low: 128 << 10, high: 256 << 10))
                let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
                let writer = RawResponseWriter()
                try channel.pipeline.syncOperations.addHandler(writer, position: .first)
                try channel.pipeline.syncOperations.addHandler(FastPathHandler(fastPath: fastPath, writer: writer), position: .after(decoder))
            }
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
