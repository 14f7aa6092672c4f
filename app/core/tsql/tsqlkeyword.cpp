#include "core/tsql/tsqlkeyword.h"

#include <algorithm>
#include <array>

namespace bs {

namespace {

struct Entry
{
    const char16_t *text;
    qsizetype length;
    TsqlKeyword keyword;
};

#define BS_TSQL_KEYWORD_ENTRY(name, text) Entry{u"" text, qsizetype(sizeof(u"" text) / sizeof(char16_t) - 1), TsqlKeyword::name},
constexpr Entry UnsortedEntries[] = {BS_TSQL_KEYWORDS(BS_TSQL_KEYWORD_ENTRY)};
#undef BS_TSQL_KEYWORD_ENTRY
constexpr qsizetype EntryCount = qsizetype(sizeof(UnsortedEntries) / sizeof(Entry));
constexpr qsizetype LongestKeyword = 26; // RELATED_CONVERSATION_GROUP

char16_t upper(char16_t c)
{
    return c >= u'a' && c <= u'z' ? char16_t(c - 32) : c;
}

// Ordered by (length, text) so a lookup compares a handful of same-length candidates only.
bool entryLess(const Entry &a, const Entry &b)
{
    if (a.length != b.length)
        return a.length < b.length;
    return std::u16string_view(a.text, a.length) < std::u16string_view(b.text, b.length);
}

const std::array<Entry, EntryCount> &sortedEntries()
{
    static const std::array<Entry, EntryCount> entries = [] {
        std::array<Entry, EntryCount> e{};
        std::copy(std::begin(UnsortedEntries), std::end(UnsortedEntries), e.begin());
        std::sort(e.begin(), e.end(), entryLess);
        return e;
    }();
    return entries;
}

} // namespace

TsqlKeyword tsqlKeyword(QStringView word)
{
    const qsizetype n = word.size();
    if (n < 2 || n > LongestKeyword)
        return TsqlKeyword::None;
    char16_t buffer[LongestKeyword];
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = word.at(i).unicode();
        if (c > 0x7f)
            return TsqlKeyword::None;
        buffer[i] = upper(c);
    }
    const Entry probe{buffer, n, TsqlKeyword::None};
    const auto &entries = sortedEntries();
    const auto it = std::lower_bound(entries.begin(), entries.end(), probe, entryLess);
    if (it != entries.end() && it->length == n && std::u16string_view(it->text, n) == std::u16string_view(buffer, n))
        return it->keyword;
    return TsqlKeyword::None;
}

QString tsqlKeywordText(TsqlKeyword keyword)
{
    for (const Entry &e : UnsortedEntries) {
        if (e.keyword == keyword)
            return QString::fromUtf16(e.text, e.length);
    }
    return {};
}

} // namespace bs
