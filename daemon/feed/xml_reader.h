#pragma once
// Internal to feed/ (includes pugixml): a lenient, namespace-aware view of one XML
// document. It borrows the UTF-8 text (copying it only to repair it) and owns the pugixml
// tree; Element handles borrow from the Reader and die with it. Well-formedness problems never stop
// the read: they set bozo and the first reason, with line:col, while the tree keeps everything that
// could be recovered. No DTD or external entity is ever loaded; internal entity declarations are
// expanded under a size budget.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pugixml.hpp>

namespace feedsentry::feed::xml {

// The vocabularies feed parsers care about; anything else is kOther.
enum class Ns : std::uint8_t {
  kNone,
  kAtom10,
  kAtom03,
  kRss10,
  kRss090,
  kRss20Userland,
  kRdf,
  kDc,
  kDcTerms,
  kContent,
  kXhtml,
  kSyndication,
  kXml,
  kOther,
};

struct Scope {
  const Scope* parent = nullptr;
  std::vector<std::pair<std::string_view, Ns>> prefixes;  // "" is the default namespace
  std::string base;                                       // effective xml:base
  std::string_view language;                              // effective xml:lang
};

struct Element {
  pugi::xml_node node;
  const Scope* scope = nullptr;
  Ns ns = Ns::kNone;
  std::string_view local;  // name without prefix

  explicit operator bool() const { return static_cast<bool>(node); }
  bool is(Ns namespace_id, std::string_view name) const {
    return ns == namespace_id && local == name;
  }
};

class Reader {
 public:
  // `utf8` is the whole document and must outlive the Reader; `base_url` is where it came
  // from (may be empty). `no_control_characters` promises that `utf8` holds no C0 control
  // other than tab, LF and CR, which spares a scan of the document.
  Reader(std::string_view utf8, std::string_view base_url, bool no_control_characters = false);
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  bool bozo() const { return !bozo_reason_.empty(); }
  const std::string& bozo_reason() const { return bozo_reason_; }

  // The document element, or an empty Element when there is none.
  Element root();

  template <typename Visitor>
  void for_each_child(const Element& parent, Visitor&& visit) {
    for (pugi::xml_node child = parent.node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) visit(make_element(child, parent.scope));
    }
  }

  // How many child elements have this local name, whatever their namespace: a cheap
  // estimate for reserving room, not a count of what a reader will accept.
  std::size_t count_children(const Element& parent, std::string_view local_name) const;

  // Text content of the element's direct text children, entity-decoded (markup children
  // are ignored).
  std::string text(const Element& element);

  // The same text without a copy when the element holds one text node with no reference
  // to decode (a view into the tree, valid as long as the Reader); otherwise the text is
  // decoded into `storage` and the view is of `storage`.
  std::string_view text_view(const Element& element, std::string& storage);

  // The element's content as markup: text children decoded (and re-escaped when
  // `escape_text`, as for XHTML), child elements serialised.
  std::string inner_markup(const Element& element, bool escape_text);

  // Attribute by local name (any prefix), entity-decoded; "" when missing.
  std::string attribute(const Element& element, std::string_view local_name);
  bool has_attribute(const Element& element, std::string_view local_name);

  // Resolves `reference` against the element's xml:base chain and the document URL.
  std::string resolve(const Element& element, std::string_view reference) const;

 private:
  Element make_element(pugi::xml_node node, const Scope* parent_scope);
  Ns resolve_prefix(std::string_view prefix, const Scope* scope, pugi::xml_node where);
  void load(bool no_control_characters);
  void scan_prolog();
  void check_trailing_content();
  void append_decoded(std::string& out, std::string_view raw, pugi::xml_node where, int depth = 0);
  // Decodes the reference at raw[amp] == '&'; returns where the text after it starts.
  std::size_t append_reference(std::string& out, std::string_view raw, std::size_t amp,
                               pugi::xml_node where, int depth);
  void append_markup(std::string& out, pugi::xml_node node);
  pugi::xml_attribute find_attribute(pugi::xml_node node, std::string_view local_name) const;
  void repair(std::string& text) const;
  void flag(std::string_view reason, pugi::xml_node where = {});
  void flag_at(std::string_view reason, std::ptrdiff_t offset);

  std::string_view text_;  // the document: the caller's text, or owned_ once changed
  std::string owned_;      // the text with control characters blanked, or repaired
  pugi::xml_document document_;
  std::deque<Scope> scopes_;
  std::unordered_map<std::string, std::string> entities_;  // internal DTD subset
  std::size_t entity_budget_ = 1 << 20;                    // bytes of expansion allowed
  std::string bozo_reason_;
  std::string scratch_;  // decoded text on its way to being re-escaped; reused to spare allocations
  // Whether any text may need repair_mojibake: the document has a character in U+0080–U+00FF
  // or a reference has produced one. Most documents have neither and skip the scans.
  bool may_hold_mojibake_ = false;
};

}  // namespace feedsentry::feed::xml
