import GapMapAlgorithms
import GapMapIO
import GapMapModel
import GapMapRender

// The command line's words for library errors. The libraries say what is wrong in their own
// terms and, as a structured `remedy` or `problem`, what would fix it; here, one place per error
// type, the CLI names the option that does it.

extension IOError {
  /// The error with the hint the CLI gives for its remedy (the option that fixes it).
  /// `encodingOption`: whether the command reads its input with `--encoding`, so that text
  /// that is not UTF-8 can be read as Latin-1.
  func withOptionHint(encodingOption: Bool = false) -> IOError {
    var e = self
    switch remedy {
    case nil: return self
    case .nameInputFormat: e.hint = "node-link JSON and other formats are read with --input-format"
    case .nameOutputFormat: e.hint = "use --to folder|json|edgelist"
    case .chooseWritableFormat: e.hint = "use --to folder, json, graphml, gexf, node-link, gml or pajek"
    case .decodeAsLatin1:
      guard encodingOption else { return self }
      e.hint = "read it with --encoding latin1, or " + (hint ?? "convert it to UTF-8")
    }
    e.remedy = nil
    return e
  }
}

extension ModelError {
  /// The message and the hint the CLI gives for the remedy (or the library's hint).
  var messageWithOptionHint: String {
    switch remedy {
    case .leaveOutRelations: return message + "; filter them out with --relations or fill them in"
    case nil: return description
    }
  }
}

extension RenderError {
  /// The message, naming the option (`--focus`, `--facility`, `--at`) when the problem is one.
  var messageWithOption: String {
    switch problem {
    case .unknownFocus(let id): return "unknown entity \"\(id)\" for --focus"
    case .notAFacility(let id): return "\"\(id)\" is not a facility of this dataset (--facility)"
    case .facilityNeedsDate:
      return "a facility's chain is drawn as of a date: pass --at (the dataset has no as_of)"
    case nil: return message
    }
  }
}

extension MeasureError {
  /// The message with the measure's command-line name and, when raising a limit would help,
  /// the options that do.
  var messageWithOptionHint: String {
    let text = description(naming: \.cliName)
    if case .notConverged = self { return text + "; raise --max-iterations or --tolerance" }
    return text
  }
}
