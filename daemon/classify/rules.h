#pragma once
// The rule language's in-memory form: named lexicons of terms, and topics whose boolean
// expressions over those lexicons decide whether an item is about the topic. Produced by
// load_rules() from YAML, consumed by Classifier::compile(). Every node keeps where it was
// written, so errors and explanations can point at the rule file.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace feedsentry::classify {

struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 = unknown
  int column = 0;
  std::string to_string() const;  // "file:line:col"
};

// A configuration error in a rule file; what() is "file:line:col: message".
class RuleError : public std::runtime_error {
 public:
  RuleError(SourceLocation where, const std::string& message);
  const SourceLocation& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string message_;
};

struct Lexicon {
  std::string name;
  std::vector<std::string> terms;  // as written: "North Korea", "sanction*", "북한"
  std::vector<SourceLocation> term_locations;
  SourceLocation where;
};

// Which of an item's fields a clause looks at. The body is summary + content.
enum class FieldScope { kAll, kTitle, kBody };

struct Expr {
  enum class Kind {
    kLexicon,  // hits of one lexicon (inline `terms:`/`phrase:` become anonymous lexicons)
    kAll,      // every child holds
    kAny,      // some child holds
    kNot,      // the single child does not hold
    kNear,     // two children hit within `within` words of each other in one field
               // (with `ordered`, the first child's hit comes first: before:)
    kScope,    // the single child, looking only at `scope`
    kAtLeast,  // at least `count` children hold
  };
  Kind kind = Kind::kAny;
  std::string lexicon;  // kLexicon
  std::vector<Expr> children;
  int within = 0;        // kNear
  bool ordered = false;  // kNear written as before:
  int count = 0;         // kAtLeast
  FieldScope scope = FieldScope::kAll;
  SourceLocation where;
  std::string label;  // readable form for explanations, e.g. near(sanction_terms, dprk, 8)
};

struct Topic {
  std::string id;
  std::string title;
  double threshold = 0.5;  // minimum score for the topic to match
  Expr match;
  SourceLocation where;
};

// `attributes:` entry: an item that matched a topic carries attribute `kind`=`value` (e.g.
// actor=eu, class=icbm) when `clause` holds. The story grouper reads them to tell one event
// from another; kinds it does not know are carried along unused.
struct AttributeRule {
  std::string kind;
  std::string value;
  Expr clause;
};

struct RuleSet {
  std::map<std::string, Lexicon> lexicons;
  std::vector<Topic> topics;
  // Country code (e.g. "KP") -> clause that tags it on items matching any topic.
  std::vector<std::pair<std::string, Expr>> countries;
  std::vector<AttributeRule> attributes;  // in file order
  // Weight of a hit in summary or content, relative to 1.0 for the title.
  double body_weight = 0.8;
};

}  // namespace feedsentry::classify
