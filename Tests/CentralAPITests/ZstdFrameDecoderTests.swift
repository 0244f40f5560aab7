import Compression
import Testing

@Suite struct ZstdFrameDecoderTests {
    let sample: [UInt8] = Array(String(repeating: "{\"schema\":\"corridor.review/1\",\"text\":\"très bien\"}\n", count: 3000).utf8)

    @Test func roundTripsWhatTheZstdToolWrites() throws {
        let z = try zstdCompress(sample)
        #expect(try ZstdFrameDecoder.decompress(z, maxSize: sample.count) == sample)
    }

    @Test func concatenatedFramesDecodeAsOneStream() throws {
        let a = try zstdCompress(Array("first\n".utf8)), b = try zstdCompress(Array("second\n".utf8))
        #expect(try ZstdFrameDecoder.decompress(a + b, maxSize: 100) == Array("first\nsecond\n".utf8))
    }

    @Test func outputBeyondTheCapIsRefusedWithoutDecodingItAll() throws {
        let bomb = try zstdCompress([UInt8](repeating: 0x41, count: 64 * 1024 * 1024))
        #expect(bomb.count < 10_000)
        #expect(throws: ZstdFrameDecoder.DecodeError.tooLarge(maxSize: 1024 * 1024)) {
            try ZstdFrameDecoder.decompress(bomb, maxSize: 1024 * 1024)
        }
        #expect(throws: ZstdFrameDecoder.DecodeError.tooLarge(maxSize: sample.count - 1)) {
            try ZstdFrameDecoder.decompress(try zstdCompress(sample), maxSize: sample.count - 1)
        }
    }

    @Test func corruptTruncatedAndEmptyInputsThrow() throws {
        let z = try zstdCompress(sample)
        for bad in [Array("not zstd at all".utf8), Array(z.prefix(z.count / 2)), [], Array(z.prefix(3))] {
            #expect(throws: ZstdFrameDecoder.DecodeError.self) { try ZstdFrameDecoder.decompress(bad, maxSize: 1 << 20) }
        }
    }
}
