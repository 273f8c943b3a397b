import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Sits between NIO's HTTP/1 decoder and Hummingbird: answers the requests ``FastPath`` can plan,
/// passes every other request on, and keeps responses in request order (while Hummingbird is
/// still answering a request on this connection, everything after it goes to Hummingbird too).
/// Its responses are HTTP/1.1 bytes written through ``RawResponseWriter``.
final class FastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let fastPath: FastPath
    /// Where finished responses are written, past NIO's response encoder.
    private let writer: RawResponseWriter
    /// File bodies up to this size are read into memory and leave with the head in one write;
    /// bigger ones go out with `sendfile`.
    static let readThreshold = 16 << 10
    /// Requests passed to Hummingbird whose response has not ended yet.
    private var forwarded = 0
    /// The request being answered here: its parts up to `.end` are not passed on.
    private var pending: (route: String, plan: ResponsePlan, descriptor: SharedDescriptor?)?
    private var isSwallowing = false
    private var clientAddress = "unknown"

    init(fastPath: FastPath, writer: RawResponseWriter) {
        self.fastPath = fastPath
        self.writer = writer
    }

    func handlerAdded(context: ChannelHandlerContext) {
        clientAddress = context.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case let .head(head):
            if forwarded == 0, let answer = fastPath.plan(for: head, clientAddress: clientAddress) {
                pending = answer
                isSwallowing = true
                return
            }
            forwarded += 1
            context.fireChannelRead(data)
        case .body:
            if !isSwallowing { context.fireChannelRead(data) }
        case .end:
            guard isSwallowing else {
                context.fireChannelRead(data)
                return
            }
            isSwallowing = false
            if let answer = pending {
                pending = nil
                send(answer.plan, route: answer.route, descriptor: answer.descriptor, context: context)
            }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { forwarded = max(0, forwarded - 1) }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        pending = nil
    }

    private func send(_ plan: ResponsePlan, route: String, descriptor shared: SharedDescriptor?, context: ChannelHandlerContext) {
        guard let raw = writer.context else {
            context.close(promise: nil)
            return
        }
        var head = context.channel.allocator.buffer(capacity: 512)
        switch plan.body {
        case .none:
            Self.encodeHead(of: plan, bodyLength: nil, into: &head)
            raw.writeAndFlush(NIOAny(IOData.byteBuffer(head)), promise: nil)
            fastPath.record(route: route, status: plan.status.code, bytes: 0)
        case let .buffer(body):
            Self.encodeHead(of: plan, bodyLength: body.readableBytes, into: &head)
            raw.write(NIOAny(IOData.byteBuffer(head)), promise: nil)
            raw.writeAndFlush(NIOAny(IOData.byteBuffer(body)), promise: nil)
            fastPath.record(route: route, status: plan.status.code, bytes: body.readableBytes)
        case let .file(path, inode, parts, trailer):
            guard let descriptor = shared ?? Self.open(path, inode: inode) else {
                // The file changed between the plan and now: end the connection rather than send a lie.
                context.close(promise: nil)
                return
            }
            let fileBytes = parts.reduce(0) { $0 + $1.range.count }
            let length = parts.reduce(fileBytes + (trailer?.readableBytes ?? 0)) { $0 + ($1.preamble?.readableBytes ?? 0) }
            Self.encodeHead(of: plan, bodyLength: length, into: &head)
            if fileBytes <= Self.readThreshold {
                // A small body is cheaper read into memory: head and body then leave in one write.
                guard Self.read(parts, trailer: trailer, from: descriptor.value, into: &head) else {
                    context.close(promise: nil)
                    return
                }
                raw.writeAndFlush(NIOAny(IOData.byteBuffer(head)), promise: nil)
            } else {
                sendFile(descriptor, parts: parts, trailer: trailer, head: head, through: raw)
            }
            fastPath.record(route: route, status: plan.status.code, bytes: length)
        }
    }

    /// Writes the head, then the file's parts with `sendfile`, corked: head and file leave in full
    /// segments (as with nginx's `tcp_nopush`), the rest when uncorked once all is written.
    private func sendFile(
        _ descriptor: SharedDescriptor,
        parts: [ResponsePlan.FilePart],
        trailer: ByteBuffer?,
        head: ByteBuffer,
        through raw: ChannelHandlerContext
    ) {
        // FileRegion needs a NIOFileHandle; NIO offers no other way to sendfile. The handle borrows
        // the shared descriptor and gives it back once the file is sent (or the client hung up).
        let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: descriptor.value)
        let cork = ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_CORK))
        let channel = raw.channel
        try? channel.syncOptions?.setOption(cork, value: 1)
        var writes: [IOData] = [.byteBuffer(head)]
        for part in parts {
            if let preamble = part.preamble { writes.append(.byteBuffer(preamble)) }
            writes.append(.fileRegion(FileRegion(fileHandle: handle, readerIndex: part.range.lowerBound, endIndex: part.range.upperBound)))
        }
        if let trailer { writes.append(.byteBuffer(trailer)) }
        // Once the last write is done (or failed: the client hung up), the descriptor goes back.
        let done = channel.eventLoop.makePromise(of: Void.self)
        done.futureResult.whenComplete { _ in
            _ = try? handle.takeDescriptorOwnership()
            withExtendedLifetime(descriptor) {}
            // On the channel's event loop, where its synchronous options may be used.
            try? channel.syncOptions?.setOption(cork, value: 0)
        }
        for (index, write) in writes.enumerated() {
            raw.write(NIOAny(write), promise: index == writes.count - 1 ? done : nil)
        }
        raw.flush()
    }

    /// The file at `path`, when it is still the file with `inode`.
    private static func open(_ path: String, inode: UInt64) -> SharedDescriptor? {
        let opened = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return nil }
        let descriptor = SharedDescriptor(opened)
        var status = stat()
        guard fstat(opened, &status) == 0, UInt64(status.st_ino) == inode else { return nil }
        return descriptor
    }

    /// The status line and headers as HTTP/1.1 bytes, with `Content-Length` when the plan has none
    /// and there is a body, then `Date` and `Server`.
    static func encodeHead(of plan: ResponsePlan, bodyLength: Int?, into buffer: inout ByteBuffer) {
        let status = HTTPResponseStatus(statusCode: plan.status.code)
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeString(String(status.code))
        buffer.writeStaticString(" ")
        buffer.writeString(status.reasonPhrase)
        buffer.writeStaticString("\r\n")
        var hasLength = false
        for (name, value) in plan.nioHeaders ?? ResponsePlan.nio(plan.headers) {
            if !hasLength, name.utf8.count == 14, name.lowercased() == "content-length" { hasLength = true }
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
        if !hasLength, let bodyLength {
            buffer.writeStaticString("Content-Length: ")
            buffer.writeString(String(bodyLength))
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("Date: ")
        buffer.writeString(HTTPDateCache.shared.now)
        buffer.writeStaticString("\r\nServer: academy\r\n\r\n")
    }

    /// Appends the parts of a file with their preambles, then the trailer, to `buffer`; false when
    /// the file is shorter than planned (it changed).
    private static func read(_ parts: [ResponsePlan.FilePart], trailer: ByteBuffer?, from descriptor: Int32, into buffer: inout ByteBuffer) -> Bool {
        let length = parts.reduce(trailer?.readableBytes ?? 0) { $0 + ($1.preamble?.readableBytes ?? 0) + $1.range.count }
        buffer.reserveCapacity(minimumWritableBytes: length)
        for part in parts {
            if var preamble = part.preamble { buffer.writeBuffer(&preamble) }
            let count = part.range.count
            let read = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { target in
                var done = 0
                while done < count {
                    let result = pread(descriptor, target.baseAddress! + done, count - done, off_t(part.range.lowerBound + done))
                    if result > 0 {
                        done += result
                    } else if result < 0, errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
                return done
            }
            guard read == count else { return false }
        }
        if var trailer { buffer.writeBuffer(&trailer) }
        return true
    }
}
