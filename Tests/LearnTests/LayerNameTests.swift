import Foundation
import XCTest
@testable import Learn

/// Layer names make the weights' paths. Keras 3.15 refuses two layers of one Sequential
/// with the same name ("All layers added to a Sequential model should have unique
/// names") and a name with a `/`; so does this library, when the model is built. Before,
/// such a model built and trained, and only `saveWeights` failed.
final class LayerNameTests: XCTestCase {
    func testTwoLayersWithOneNameAreRefused() {
        let a = Dense(3), b = Dense(3)
        a.name = "hidden"; b.name = "hidden"
        XCTAssertThrowsError(try Sequential(inputShape: [4], layers: [a, b])) {
            XCTAssertEqual($0 as? LearnError, .invalidLayer(layer: "hidden", reason: "two layers of the model have this name; "
                                                            + "the names make the weights' paths, so each must be unique"))
        }
        // The refused model gave its layers back.
        b.name = "out"
        XCTAssertNoThrow(try Sequential(inputShape: [4], layers: [a, b]))
    }

    func testANameWithASlashIsRefused() {
        let a = Dense(3)
        a.name = "block/dense"
        XCTAssertThrowsError(try Sequential(inputShape: [4], layers: [a])) {
            XCTAssert("\($0)".contains("'block/dense'") && "\($0)".contains("cannot contain '/'"), "\($0)")
        }
    }

    /// Automatic names skip the names given, as Keras's (unique in the session) never meet
    /// them; a given name does not use up an automatic one, as in Keras.
    func testAutomaticNamesSkipGivenOnes() throws {
        let given = Dense(5), head = Dense(3, activation: .softmax)
        given.name = "dense"
        let model = try Sequential(inputShape: [4], layers: [Dense(5), given, Dense(5), head])
        XCTAssertEqual(model.layers.map(\.name), ["dense_1", "dense", "dense_2", "dense_3"])
        let named = Dense(5), other = Dense(3)
        named.name = "encoder"
        XCTAssertEqual(try Sequential(inputShape: [4], layers: [named, other]).layers.map(\.name), ["encoder", "dense"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("learn-names-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.saveWeights(to: url)
        try model.loadWeights(from: url)
    }

    /// `named(_:)` sets the name in the layer list, as Keras's `name=` does, and its
    /// weights are saved under it.
    func testNamedSetsTheNameInTheLayerList() throws {
        let model = try Sequential(inputShape: [4], layers: [Dense(5, activation: .relu).named("encoder"),
                                                             Dense(3, activation: .softmax).named("emotion")])
        XCTAssertEqual(model.layers.map(\.name), ["encoder", "emotion"])
        XCTAssertEqual(try model.weightArrays().map(\.name), ["sequential/encoder/kernel", "sequential/encoder/bias",
                                                              "sequential/emotion/kernel", "sequential/emotion/bias"])
        XCTAssertThrowsError(try Sequential(inputShape: [4], layers: [Dense(5).named("same"), Dense(3).named("same")]))
    }

    /// A model without layers was refused with "the model must end in a (None, classes)
    /// output, not (None, 4)": a shape that is one.
    func testAModelNeedsALayer() {
        XCTAssertThrowsError(try Sequential(inputShape: [4], layers: [])) {
            XCTAssertEqual($0 as? LearnError, .invalidArgument("a model needs at least one layer"))
        }
    }

    func testConvolutionSettingsAreNamed() {
        XCTAssertThrowsError(try Sequential(inputShape: [5, 1], layers: [Conv1D(filters: 2, kernelSize: 0, padding: .same), Flatten(), Dense(2)])) {
            XCTAssertEqual("\($0)", "layer 'conv1d': filters and kernel size must be positive, got 2 and 0")
        }
    }
}
