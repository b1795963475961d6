#include "classify/rule_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/utf8.h"

namespace feedsentry::classify {
namespace {

constexpr int kMaxDepth = 64;
constexpr int kMaxWithin = 1000;

// Parses one file; `context_` names the topic being read so errors can say where.
class RuleFileReader {
 public:
  RuleFileReader(std::string file, RuleSet& rules) : file_(std::move(file)), rules_(rules) {}

  void read(const YAML::Node& root) {
    if (!root || root.IsNull()) return;  // an empty file adds nothing
    expect_map(root, "a rule file must be a mapping with lexicons:, topics:, ...");
    reject_unknown_keys(root, {"version", "settings", "lexicons", "extend_lexicons", "countries",
                               "attributes", "topics"});
    if (const YAML::Node version = root["version"]; version && scalar_int(version) != 1) {
      fail(version, "unsupported rule file version (this feedsentry reads version 1)");
    }
    if (const YAML::Node settings = root["settings"]) read_settings(settings);
    if (const YAML::Node lexicons = root["lexicons"]) read_lexicons(lexicons, false);
    if (const YAML::Node extend = root["extend_lexicons"]) read_lexicons(extend, true);
    if (const YAML::Node countries = root["countries"]) read_countries(countries);
    if (const YAML::Node attributes = root["attributes"]) read_attributes(attributes);
    if (const YAML::Node topics = root["topics"]) {
      if (!topics.IsSequence()) fail(topics, "topics: must be a list of topics");
      for (const YAML::Node& topic : topics) read_topic(topic);
    }
  }

 private:
  SourceLocation at(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return {file_, mark.line + 1, mark.column + 1};
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    throw RuleError(at(node), context_.empty() ? message : message + " (in " + context_ + ")");
  }

  void expect_map(const YAML::Node& node, const std::string& message) const {
    if (!node.IsMap()) fail(node, message);
  }

  void reject_unknown_keys(const YAML::Node& map, std::initializer_list<std::string_view> known) {
    for (const auto& entry : map) {
      const std::string key = entry.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string list;
        for (const std::string_view name : known)
          list += (list.empty() ? "" : ", ") + std::string(name);
        fail(entry.first, "unknown key '" + key + "' (expected one of: " + list + ")");
      }
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + " must be a single value");
    return node.Scalar();
  }

  long scalar_int(const YAML::Node& node) const {
    const std::string text = scalar(node, "this value");
    try {
      std::size_t used = 0;
      const long value = std::stol(text, &used);
      if (used == text.size()) return value;
    } catch (const std::exception&) {
    }
    fail(node, "expected a whole number, got '" + text + "'");
  }

  double scalar_double(const YAML::Node& node, double min, double max) const {
    const std::string text = scalar(node, "this value");
    double value = 0;
    try {
      std::size_t used = 0;
      value = std::stod(text, &used);
      if (used != text.size()) throw std::invalid_argument(text);
    } catch (const std::exception&) {
      fail(node, "expected a number, got '" + text + "'");
    }
    if (value < min || value > max) {
      std::ostringstream range;
      range << "must be between " << min << " and " << max << ", got " << text;
      fail(node, range.str());
    }
    return value;
  }

  void read_settings(const YAML::Node& settings) {
    expect_map(settings, "settings: must be a mapping");
    reject_unknown_keys(settings, {"body_weight"});
    if (const YAML::Node weight = settings["body_weight"]) {
      rules_.body_weight = scalar_double(weight, 0.01, 1.0);
    }
  }

  void check_term(const YAML::Node& node, const std::string& term) const {
    if (!core::is_valid_utf8(term)) fail(node, "term is not valid UTF-8");
    std::string_view trimmed = term;
    if (trimmed.starts_with('=')) {
      trimmed.remove_prefix(1);
      if (trimmed.find('*') != std::string_view::npos) {
        fail(node, "term '" + term + "': a case-sensitive term (=) cannot end in '*'");
      }
    }
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
      trimmed.remove_prefix(1);
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
      trimmed.remove_suffix(1);
    if (trimmed.empty() || trimmed == "*") fail(node, "empty term");
    const std::size_t star = trimmed.find('*');
    if (star != std::string_view::npos && star + 1 != trimmed.size()) {
      fail(node, "term '" + term + "': '*' is only allowed at the end of a term");
    }
    if (star != std::string_view::npos && (trimmed[star - 1] == ' ' || trimmed[star - 1] == '\t')) {
      fail(node, "term '" + term + "': '*' must directly follow a letter");
    }
  }

  void add_terms(Lexicon& lexicon, const YAML::Node& terms) {
    if (terms.IsScalar()) {
      check_term(terms, terms.Scalar());
      lexicon.terms.push_back(terms.Scalar());
      lexicon.term_locations.push_back(at(terms));
      return;
    }
    if (!terms.IsSequence()) fail(terms, "a lexicon is a list of terms");
    for (const YAML::Node& term : terms) {
      const std::string text = scalar(term, "a term");
      check_term(term, text);
      lexicon.terms.push_back(text);
      lexicon.term_locations.push_back(at(term));
    }
  }

  void read_lexicons(const YAML::Node& lexicons, bool extend) {
    const char* key = extend ? "extend_lexicons:" : "lexicons:";
    expect_map(lexicons, std::string(key) + " must map lexicon names to lists of terms");
    for (const auto& entry : lexicons) {
      const std::string name = entry.first.Scalar();
      check_name(entry.first, name, "lexicon");
      auto found = rules_.lexicons.find(name);
      if (extend) {
        if (found == rules_.lexicons.end()) {
          fail(entry.first, "extend_lexicons: no lexicon named '" + name + "' to extend");
        }
      } else if (found != rules_.lexicons.end()) {
        fail(entry.first, "lexicon '" + name + "' is already defined at " +
                              found->second.where.to_string() +
                              " (use extend_lexicons: to add terms to it)");
      } else {
        found = rules_.lexicons.emplace(name, Lexicon{name, {}, {}, at(entry.first)}).first;
      }
      add_terms(found->second, entry.second);
    }
  }

  void check_name(const YAML::Node& node, const std::string& name, const char* what) const {
    const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-' || c == '.';
    });
    if (!valid) {
      fail(node, std::string("invalid ") + what + " name '" + name +
                     "' (use letters, digits, '_', '-', '.')");
    }
  }

  // A later file's clause for a country or attribute value widens the earlier one:
  // `existing` becomes any(existing, clause).
  static void widen(Expr& existing, Expr clause) {
    Expr either;
    either.kind = Expr::Kind::kAny;
    either.where = clause.where;
    either.label = "any(" + existing.label + ", " + clause.label + ")";
    either.children.push_back(std::move(existing));
    either.children.push_back(std::move(clause));
    existing = std::move(either);
  }

  static bool is_attribute_name(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
  }

  // attributes: {KIND: {VALUE: clause, ...}, ...}; a later file's clause for the same
  // kind and value widens it, like countries.
  void read_attributes(const YAML::Node& attributes) {
    expect_map(attributes, "attributes: must map attribute kinds (actor, class, ...) to values");
    for (const auto& kind_entry : attributes) {
      const std::string kind = kind_entry.first.Scalar();
      if (!is_attribute_name(kind)) {
        fail(kind_entry.first, "attribute kind '" + kind + "' must be lower-case [a-z0-9_-]");
      }
      expect_map(kind_entry.second, "attribute kind '" + kind + "' must map values to clauses");
      for (const auto& value_entry : kind_entry.second) {
        const std::string value = value_entry.first.Scalar();
        if (!is_attribute_name(value)) {
          fail(value_entry.first, "attribute value '" + value + "' must be lower-case [a-z0-9_-]");
        }
        context_ = "attribute " + kind + "=" + value;
        Expr clause = read_expr(value_entry.second, 0);
        context_.clear();
        auto existing = std::find_if(
            rules_.attributes.begin(), rules_.attributes.end(),
            [&](const AttributeRule& rule) { return rule.kind == kind && rule.value == value; });
        if (existing == rules_.attributes.end()) {
          rules_.attributes.push_back({kind, value, std::move(clause)});
          continue;
        }
        widen(existing->clause, std::move(clause));
      }
    }
  }

  void read_countries(const YAML::Node& countries) {
    expect_map(countries, "countries: must map country codes (KP, RU, ...) to clauses");
    for (const auto& entry : countries) {
      const std::string code = entry.first.Scalar();
      if (code.size() != 2 ||
          !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        fail(entry.first, "country code '" + code + "' must be two capital letters (ISO 3166)");
      }
      context_ = "country " + code;
      Expr clause = read_expr(entry.second, 0);
      context_.clear();
      auto existing = std::find_if(rules_.countries.begin(), rules_.countries.end(),
                                   [&](const auto& country) { return country.first == code; });
      if (existing == rules_.countries.end()) {
        rules_.countries.emplace_back(code, std::move(clause));
      } else {  // a later file widens what tags the country
        widen(existing->second, std::move(clause));
      }
    }
  }

  void read_topic(const YAML::Node& node) {
    expect_map(node, "a topic is a mapping with id:, title:, match:");
    reject_unknown_keys(node, {"id", "title", "threshold", "match", "unless"});
    Topic topic;
    topic.where = at(node);
    if (!node["id"]) fail(node, "topic has no id:");
    topic.id = scalar(node["id"], "id");
    check_name(node["id"], topic.id, "topic");
    for (const Topic& other : rules_.topics) {
      if (other.id == topic.id) {
        fail(node["id"],
             "topic '" + topic.id + "' is already defined at " + other.where.to_string());
      }
    }
    context_ = "topic '" + topic.id + "'";
    topic.title = node["title"] ? scalar(node["title"], "title") : topic.id;
    if (const YAML::Node threshold = node["threshold"]) {
      topic.threshold = scalar_double(threshold, 0.01, 1.0);
    }
    if (!node["match"]) fail(node, "topic has no match: clause");
    topic.match = read_expr(node["match"], 0);
    if (const YAML::Node unless = node["unless"]) {
      // Sugar for all(match, not(any(unless...))): vetoes read better as their own list.
      Expr veto;
      veto.kind = Expr::Kind::kNot;
      veto.where = at(unless);
      veto.children.push_back(read_expr(unless, 1));
      veto.label = "not(" + veto.children.front().label + ")";
      Expr both;
      both.kind = Expr::Kind::kAll;
      both.where = topic.match.where;
      both.label = "all(" + topic.match.label + ", " + veto.label + ")";
      both.children.push_back(std::move(topic.match));
      both.children.push_back(std::move(veto));
      topic.match = std::move(both);
    }
    context_.clear();
    rules_.topics.push_back(std::move(topic));
  }

  Expr read_expr(const YAML::Node& node, int depth) {
    if (depth > kMaxDepth) fail(node, "clauses nest too deeply");
    Expr expr;
    expr.where = at(node);
    if (node.IsScalar()) {
      expr.kind = Expr::Kind::kLexicon;
      expr.lexicon = node.Scalar();
      expr.label = expr.lexicon;
      return expr;
    }
    if (node.IsSequence()) return read_list(Expr::Kind::kAny, "any", node, node, depth);
    if (!node.IsMap())
      fail(node, "expected a clause: a lexicon name, a list, or any:/all:/not:/...");
    const std::vector<std::string> keys = [&] {
      std::vector<std::string> result;
      for (const auto& entry : node) result.push_back(entry.first.Scalar());
      return result;
    }();
    const auto has = [&](std::string_view key) {
      return std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    if (has("near") || has("before")) {
      const bool ordered = has("before");
      if (ordered) {
        reject_unknown_keys(node, {"before", "within"});
      } else {
        reject_unknown_keys(node, {"near", "within"});
      }
      return read_near(node, depth, ordered);
    }
    if (has("at_least")) {
      reject_unknown_keys(node, {"at_least", "of"});
      return read_at_least(node, depth);
    }
    if (keys.size() != 1) {
      fail(node,
           "a clause has exactly one operator (any, all, not, near+within, "
           "before+within, title, body, terms, phrase, at_least+of)");
    }
    const std::string& op = keys.front();
    const YAML::Node operand = node[op];
    if (op == "any") return read_list(Expr::Kind::kAny, "any", node, operand, depth);
    if (op == "all") return read_list(Expr::Kind::kAll, "all", node, operand, depth);
    if (op == "not") return read_unary(Expr::Kind::kNot, "not", node, operand, depth);
    if (op == "title" || op == "body") {
      Expr scoped = read_unary(Expr::Kind::kScope, op, node, operand, depth);
      scoped.scope = op == "title" ? FieldScope::kTitle : FieldScope::kBody;
      return scoped;
    }
    if (op == "terms" || op == "phrase") return read_inline_terms(node, operand, op == "phrase");
    fail(node, "unknown operator '" + op +
                   "' (expected any, all, not, near, before, title, body, terms, phrase, "
                   "at_least)");
  }

  Expr read_list(Expr::Kind kind, const std::string& name, const YAML::Node& node,
                 const YAML::Node& operand, int depth) {
    if (!operand.IsSequence() || operand.size() == 0) {
      fail(node, name + ": needs a non-empty list of clauses");
    }
    Expr expr;
    expr.kind = kind;
    expr.where = at(node);
    for (const YAML::Node& child : operand) expr.children.push_back(read_expr(child, depth + 1));
    expr.label = name + "(" + join_labels(expr.children) + ")";
    return expr;
  }

  Expr read_unary(Expr::Kind kind, const std::string& name, const YAML::Node& node,
                  const YAML::Node& operand, int depth) {
    Expr expr;
    expr.kind = kind;
    expr.where = at(node);
    expr.children.push_back(read_expr(operand, depth + 1));
    expr.label = name + "(" + expr.children.front().label + ")";
    return expr;
  }

  Expr read_near(const YAML::Node& node, int depth, bool ordered) {
    const std::string op = ordered ? "before" : "near";
    const YAML::Node operands = node[op];
    if (!operands.IsSequence() || operands.size() != 2) {
      fail(node,
           op + ": needs a list of exactly two clauses, e.g. " + op + ": [sanction_terms, dprk]");
    }
    if (!node["within"]) fail(node, op + ": needs within: N (words)");
    const long within = scalar_int(node["within"]);
    if (within < 1 || within > kMaxWithin) fail(node["within"], "within: must be 1 to 1000 words");
    Expr expr;
    expr.kind = Expr::Kind::kNear;
    expr.where = at(node);
    expr.within = static_cast<int>(within);
    expr.ordered = ordered;
    for (const YAML::Node& operand : operands) {
      Expr child = read_expr(operand, depth + 1);
      if (!has_positions(child)) {
        fail(operand, op + ": operands must be lexicons, terms, phrases or any: of them");
      }
      expr.children.push_back(std::move(child));
    }
    expr.label = op + "(" + join_labels(expr.children) + ", " + std::to_string(within) + ")";
    return expr;
  }

  static bool has_positions(const Expr& expr) {
    if (expr.kind == Expr::Kind::kLexicon) return true;
    if (expr.kind != Expr::Kind::kAny) return false;
    return std::all_of(expr.children.begin(), expr.children.end(), has_positions);
  }

  Expr read_at_least(const YAML::Node& node, int depth) {
    if (!node["of"]) fail(node, "at_least: N needs of: [clauses]");
    Expr expr = read_list(Expr::Kind::kAtLeast, "at_least", node, node["of"], depth);
    const long count = scalar_int(node["at_least"]);
    if (count < 1 || count > static_cast<long>(expr.children.size())) {
      fail(node["at_least"], "at_least: must be between 1 and the number of clauses in of:");
    }
    expr.count = static_cast<int>(count);
    expr.label = "at_least(" + std::to_string(count) + ", " + join_labels(expr.children) + ")";
    return expr;
  }

  Expr read_inline_terms(const YAML::Node& node, const YAML::Node& operand, bool phrase) {
    if (phrase && !operand.IsScalar()) fail(node, "phrase: takes one term");
    Expr expr;
    expr.kind = Expr::Kind::kLexicon;
    expr.where = at(node);
    // Inline terms become an anonymous lexicon, named so that explanations stay readable.
    expr.lexicon = phrase ? "\"" + operand.Scalar() + "\""
                          : "terms@" + file_ + ":" + std::to_string(expr.where.line);
    expr.label = expr.lexicon;
    auto [lexicon, created] =
        rules_.lexicons.emplace(expr.lexicon, Lexicon{expr.lexicon, {}, {}, expr.where});
    if (created) add_terms(lexicon->second, operand);
    return expr;
  }

  static std::string join_labels(const std::vector<Expr>& children) {
    std::string joined;
    for (const Expr& child : children) joined += (joined.empty() ? "" : ", ") + child.label;
    return joined;
  }

  std::string file_;
  RuleSet& rules_;
  std::string context_;
};

void check_references(const RuleSet& rules, const Expr& expr, const std::string& context) {
  if (expr.kind == Expr::Kind::kLexicon && !rules.lexicons.contains(expr.lexicon)) {
    throw RuleError(expr.where, "unknown lexicon '" + expr.lexicon + "' (in " + context + ")");
  }
  for (const Expr& child : expr.children) check_references(rules, child, context);
}

}  // namespace

std::string SourceLocation::to_string() const {
  if (line == 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

RuleError::RuleError(SourceLocation where, const std::string& message)
    : std::runtime_error(where.to_string() + ": " + message),
      where_(std::move(where)),
      message_(message) {}

void load_rules_text(std::string_view yaml, std::string_view file_name, RuleSet& rules) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& error) {
    throw RuleError({std::string(file_name), error.mark.line + 1, error.mark.column + 1},
                    "YAML syntax: " + error.msg);
  }
  RuleFileReader(std::string(file_name), rules).read(root);
}

void validate_rules(const RuleSet& rules) {
  for (const Topic& topic : rules.topics) {
    check_references(rules, topic.match, "topic '" + topic.id + "'");
  }
  for (const auto& [code, clause] : rules.countries) {
    check_references(rules, clause, "country " + code);
  }
  for (const AttributeRule& attribute : rules.attributes) {
    check_references(rules, attribute.clause,
                     "attribute " + attribute.kind + "=" + attribute.value);
  }
  for (const auto& [name, lexicon] : rules.lexicons) {
    if (lexicon.terms.empty())
      throw RuleError(lexicon.where, "lexicon '" + name + "' has no terms");
  }
}

RuleSet load_rule_files(const std::vector<std::string>& paths) {
  RuleSet rules;
  for (const std::string& path : paths) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw RuleError({path, 0, 0}, "cannot read rule file");
    std::ostringstream text;
    text << file.rdbuf();
    load_rules_text(text.str(), path, rules);
  }
  validate_rules(rules);
  return rules;
}

}  // namespace feedsentry::classify
