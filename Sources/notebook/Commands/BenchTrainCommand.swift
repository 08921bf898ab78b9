import ArgumentParser
import Foundation
import Learn
import NumPy

/// `notebook bench train`: each tutorial model for a few epochs on the seed features;
/// prints the median seconds per epoch, the GFLOP/s of the matrix work against
/// OpenBLAS's own sgemm peak measured in the same run, and the peak memory.
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time an epoch of each tutorial model (batch 16) on the seed features.",
        usage: UsageText.wrapped(["notebook bench train", "[--reference <reference>]", "[--epochs <epochs>]",
                                  "[--models <models>]", "[--threads <threads>]", "[--learn-threads <learn-threads>]"]),
        discussion: "Build with -c release. The targets (5x TensorFlow here): sd_fc 0.06 s, LSTM 0.25 s, si_cnn 0.46 s per epoch."
    )

    @Option(help: "Folder with x.npy/y.npy and x_train.npy/y_train.npy (default: $SEED_FEATURES_DIR, else ../shared/reference/seed-features-librosa-0.8.1).")
    var reference: String?

    @Option(parsing: .unconditional, help: "Epochs per model (the median is reported).")
    var epochs: Int = 5

    @Option(help: "Models to run (comma-separated).")
    var models: String = "sd_fc,sd_lstm,si_cnn"

    @Option(parsing: .unconditional, help: "OpenBLAS threads (busy-waiting BLAS threads suffer most on a shared machine).")
    var threads: Int = 1

    @Option(name: [.customLong("learn-threads"), .customLong("fft-threads")], parsing: .unconditional,
            help: "Threads for Learn's own loops: si_cnn's FFT convolution and Adam (default: up to 2, one per core).")
    var fftThreads: Int?

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let fftThreads, fftThreads < 1 { throw ValidationError("--learn-threads must be at least 1, got \(fftThreads)") }
        let names = models.split(separator: ",").map(String.init)
        guard !names.isEmpty else { throw ValidationError("--models names no model; give e.g. sd_fc,si_cnn") }
        for name in names where !Models.names.contains(name) {
            throw ValidationError("--models: '\(name)' is not one of \(Models.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        LearnBackend.blasThreads = threads
        if let fftThreads { LearnBackend.threads = fftThreads }
        let env = ProcessInfo.processInfo.environment
        let folder = reference ?? env["SEED_FEATURES_DIR"] ?? "../shared/reference/seed-features-librosa-0.8.1"
        let names = models.split(separator: ",").map(String.init)
        // Read and checked first, as train checks them: a 1-D x.npy or labels that do not
        // match its rows name the file before any measuring (x.shape[1] trapped; extra
        // labels were cut off silently).
        var sets: [Bool: (x: NPYArray, labels: [Int])] = [:]
        for si in [false, true] where names.contains(where: { $0.hasPrefix("si") == si }) {
            let name = { (file: String) in URL(fileURLWithPath: folder).appendingPathComponent(file).path }
            let xFile = name(si ? "x_train.npy" : "x.npy"), yFile = name(si ? "y_train.npy" : "y.npy")
            let x = try NPY.read(contentsOf: URL(fileURLWithPath: xFile))
            guard x.shape.count == 2 else { throw ValidationError("\(xFile): expected (rows, features), got \(x.shape)") }
            sets[si] = (x, try TrainCommand.readLabels(yFile, rows: x.shape[0], features: xFile))
        }
        // Two lines, so that each fits 80 columns with the reference folder's usual path.
        print("bench train: \(folder)")
        print("  batch 16, \(epochs) epochs per model, \(LearnBackend.blasThreads) BLAS thread(s), "
              + "\(LearnBackend.threads) Learn thread(s), load average \(ProcessMeasures.loadAverage())")
        let peak = LearnBackend.sgemmPeakGFLOPS()
        print(OpenBLASRestart.summary)
        print(String(format: "OpenBLAS sgemm peak (512x512x512, median of 7): %.1f GFLOP/s", peak))
        print("model     rows  s/epoch (median)  min     CPU-s/epoch  GFLOP/s  of peak  target")
        for name in names {
            let si = name.hasPrefix("si")
            guard let set = sets[si] else { continue }  // read above for each kind of model
            let x = set.x, y = set.labels
            // The sd models train on 90% of the rows.
            let rows = si ? x.shape[0] : x.shape[0] - Int((Double(x.shape[0]) * 0.1).rounded(.up))
            let net = try Models.named(name, inputs: x.shape[1], classes: 6, seed: 1)
            let all = try Tensor(shape: x.shape, scalars: x.floats)
            let data = try Models.shape(all.samples(Array(0..<rows)), for: net)
            let labels = Array(y.prefix(rows))
            // CPU seconds per epoch too: on a machine shared with other jobs they show what
            // an idle machine would take far better than the wall clock.
            var cpu: [Double] = [], cpuStart = 0.0
            let history = try net.fit(data, labels, options: FitOptions(epochs: epochs, batchSize: 16, seed: 1, progress: { event in
                switch event {
                case .epochBegan: cpuStart = ProcessMeasures.cpuSeconds()
                case .epochEnded: cpu.append(ProcessMeasures.cpuSeconds() - cpuStart)
                default: break
                }
            }))
            let cpuMedian = cpu.sorted()[cpu.count / 2]
            let sorted = history.seconds.sorted()
            let median = sorted[sorted.count / 2]
            let flops = Double(rows) * Self.trainingFlopsPerSample(net)
            let targets: [String: Double] = ["sd_fc": 0.06, "sd_lstm": 0.25, "si_lstm": 0.25, "si_cnn": 0.46]
            let target = targets[name] ?? 0
            // Swift pads the name: Foundation's %-8@ does not pad on Linux.
            print(name.padding(toLength: 8, withPad: " ", startingAt: 0)
                  + String(format: "%5d  %8.3f          %6.3f  %8.3f     %7.1f  %6.0f%%  %.2f %@", rows, median, sorted[0], cpuMedian,
                         flops / median / 1e9, 100 * flops / median / 1e9 / peak, target, (median <= target ? "ok" : "MISSED") as NSString))
        }
        if models.contains("si_cnn") {
            print("si_cnn's convolution runs through the FFT: its GFLOP/s counts the direct products it replaces,")
            print("so it can exceed the sgemm peak.")
        }
        print(String(format: "peak memory (max RSS): %.1f MB", ProcessMeasures.peakRSSMegabytes()))
    }

    /// Multiply-adds of the matrix products in one training step of one sample, ×2 for
    /// FLOPs: forward, weight gradient and (except the first layer) input gradient. For a
    /// convolution done through the FFT, the direct products it stands for.
    static func trainingFlopsPerSample(_ net: Sequential) -> Double {
        var total = 0.0
        var shape = net.inputShape
        for (index, layer) in net.layers.enumerated() {
            let out = net.outputShapes[index]
            let passes = index == 0 ? 2.0 : 3.0
            switch layer {
            case let d as Dense:
                total += passes * 2 * Double(shape.dropLast().reduce(1, *) * shape.last! * d.units)
            case let l as LSTM:
                let recurrent = shape[0] > 1 ? Double((shape[0] - 1) * l.units * 4 * l.units) : 0
                total += passes * 2 * (Double(shape[0] * shape[1] * 4 * l.units) + recurrent)
            case let c as Conv1D:
                total += (c.foldsNormalization ? 2 : passes) * 2 * Double(shape[0] * c.kernelSize * shape[1] * c.filters)
            default:
                break
            }
            shape = out
        }
        return total
    }
}
