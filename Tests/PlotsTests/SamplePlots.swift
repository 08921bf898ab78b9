import Foundation
import Plots

/// Deterministic plots shaped like the lessons' figures (no audio needed): training curves,
/// a 6-class confusion matrix, per-class recall, a mel spectrogram and a chromagram.
enum SamplePlots {
    static let emotions = ["neutral", "calm", "happy", "sad", "angry", "fearful"]
    static let pitchClasses = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]

    static var trainingCurves: Plot {
        let epochs = 30
        let train = (0..<epochs).map { e in 0.95 - 0.75 * exp(-Double(e) / 6) }
        let validation = (0..<epochs).map { e in 0.78 - 0.6 * exp(-Double(e) / 5) + 0.02 * sin(Double(e)) }
        return Plot(title: "Accuracy per epoch", xLabel: "epoch", yLabel: "accuracy",
                    content: .line([Plot.Series(name: "train", y: train), Plot.Series(name: "validation", y: validation)]))
    }

    static var confusionMatrix: Plot {
        let counts: [[Double]] = [
            [14, 3, 0, 1, 0, 0],
            [2, 26, 1, 2, 0, 1],
            [0, 1, 22, 2, 3, 4],
            [1, 3, 2, 21, 0, 5],
            [0, 0, 4, 0, 27, 1],
            [0, 1, 5, 4, 2, 20],
        ]
        return Plot(title: "Confusion matrix (speaker-independent test)", xLabel: "predicted", yLabel: "actual",
                    content: .heatmap(rowLabels: emotions, columnLabels: emotions, values: counts), valueLabel: "count")
    }

    static var recall: Plot {
        Plot(title: "Recall per emotion", xLabel: "emotion", yLabel: "recall",
             content: .bar(categories: emotions, values: [0.78, 0.81, 0.69, 0.66, 0.84, 0.63]))
    }

    /// 128 mel bands x 400 frames: a few harmonics of a gliding note over a noise floor, in dB.
    static var melSpectrogram: Plot {
        let values: [[Double]] = (0..<128).map { band in
            (0..<400).map { frame in
                let t = Double(frame) / 400
                let onset = frame > 30 && frame < 370
                var level = -80 + 6 * sin(Double(band * 7 + frame * 13).truncatingRemainder(dividingBy: 6.283))
                if onset {
                    for harmonic in 1...5 {
                        let centre = Double(harmonic) * (14 + 6 * t) + 8
                        let distance = Double(band) - centre
                        level = max(level, -6 * Double(harmonic) - 2 * distance * distance)
                    }
                }
                return max(level, -80)
            }
        }
        return Plot(title: "Mel spectrogram", xLabel: "time (s)", yLabel: "mel band",
                    content: .image(values: values, xRange: 0...4.64, yRange: 0...128), valueLabel: "dB")
    }

    /// 12 pitch classes x 400 frames.
    static var chroma: Plot {
        let values: [[Double]] = (0..<12).map { pitch in
            (0..<400).map { frame in
                let note = (frame / 80) % 12
                let chord = [note, (note + 4) % 12, (note + 7) % 12]
                return chord.contains(pitch) ? (pitch == note ? 1.0 : 0.6) : 0.1 + 0.05 * Double((pitch * frame) % 3)
            }
        }
        return Plot(title: "Chromagram", xLabel: "time (s)", yLabel: "pitch class",
                    content: .image(values: values, xRange: 0...4.64, yRange: 0...12), imageRowNames: pitchClasses)
    }

    /// 4 s of a decaying 220 Hz tone at 22050 Hz: 88200 points, like a waveform plot.
    static var waveform: Plot {
        let rate = 22050.0
        let samples = (0..<88200).map { i -> Double in
            let t = Double(i) / rate
            return 0.8 * exp(-t) * sin(2 * Double.pi * 220 * t) * (0.6 + 0.4 * sin(2 * Double.pi * 1.5 * t))
        }
        let times = samples.indices.map { Double($0) / rate }
        return Plot(title: "Waveform", xLabel: "time (s)", yLabel: "amplitude",
                    content: .line([Plot.Series(name: "", x: times, y: samples)]))
    }

    static var all: [(name: String, plot: Plot)] {
        [("line-waveform", waveform), ("line-training-curves", trainingCurves), ("heatmap-confusion", confusionMatrix),
         ("bar-recall", recall), ("image-mel", melSpectrogram), ("image-chroma", chroma)]
    }
}
