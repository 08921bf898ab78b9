/// Whether the lines of an expected block from line `e` on can stand for a step's output
/// lines from `a` on: a line `...` for any number of lines (none included), any other line
/// for one output line that `same` accepts. Each answer is remembered, so every (e, a) is
/// worked out once, and the search stops at the first way that fits.
///
/// Depth first with a stack of its own: the recursion this replaces went one call deeper
/// per block line, and a block of 65,000 lines (`--update` writes a step's whole output
/// into its block when the shape changes) overflowed the stack and crashed `notebook test`.
struct BlockFit {
    let count: Int
    let actualCount: Int
    let isEllipsis: [Bool]
    private var memo: [Int: Bool] = [:]

    init(count: Int, actualCount: Int, isEllipsis: [Bool]) {
        self.count = count
        self.actualCount = actualCount
        self.isEllipsis = isEllipsis
    }

    mutating func fits(_ e: Int, _ a: Int, same: (Int, Int) -> Bool) -> Bool {
        // A question (e, a) being worked out; for a `...` line, the last output line its
        // rest was tried from.
        var stack = [(e: e, a: a, tried: a - 1)]
        // The answer of the question just settled, for the one below it on the stack.
        var answer: Bool?
        while var question = stack.last {
            var result = memo[key(question.e, question.a)]
            var next: (e: Int, a: Int)?
            if result != nil {
            } else if question.e == count {
                result = question.a == actualCount
            } else if isEllipsis[question.e] {
                if answer == true {
                    result = true
                } else {
                    question.tried += 1
                    if question.tried > actualCount { result = false } else { next = (question.e + 1, question.tried) }
                }
            } else if let answer {
                result = answer
            } else if question.a < actualCount, same(question.e, question.a) {
                next = (question.e + 1, question.a + 1)
            } else {
                result = false
            }
            answer = nil
            if let result {
                memo[key(question.e, question.a)] = result
                stack.removeLast()
                answer = result
            } else if let next {
                stack[stack.count - 1] = question
                if let known = memo[key(next.e, next.a)] { answer = known } else { stack.append((next.e, next.a, next.a - 1)) }
            }
        }
        return answer ?? false
    }

    private func key(_ e: Int, _ a: Int) -> Int { e * (actualCount + 1) + a }
}
