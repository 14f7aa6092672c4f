#pragma once

#include <QtGlobal>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace bs::sim {

/// A growable array of trivially copyable values in fixed-size blocks: it grows one block at a
/// time and never moves what it holds. A std::vector doubles and copies everything, which with
/// millions of simulated endpoints is a copy of hundreds of megabytes in one step (seconds in
/// which the GUI thread stands still) and, for a moment, twice the memory. Indexing costs a
/// shift and a mask. Blocks stay allocated when the size shrinks, like a vector's capacity,
/// until clear().
template<typename T, int BlockBits = 14>
class ChunkedVector
{
    static_assert(std::is_trivially_copyable_v<T>, "ChunkedVector holds plain values");

public:
    static constexpr qint64 BlockSize = qint64(1) << BlockBits;

    qint64 size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    T &operator[](qint64 i) { return m_blocks[size_t(i >> BlockBits)][size_t(i & (BlockSize - 1))]; }
    const T &operator[](qint64 i) const { return m_blocks[size_t(i >> BlockBits)][size_t(i & (BlockSize - 1))]; }
    T &back() { return (*this)[m_size - 1]; }
    /// The elements as one plain array while they fit in the first block, else nullptr: hot
    /// loops over a small table (the event heap, usually) then index without the block lookup.
    T *contiguous() { return m_size <= BlockSize && !m_blocks.empty() ? m_blocks.front().get() : nullptr; }

    void push_back(const T &value)
    {
        if (m_size == qint64(m_blocks.size()) * BlockSize)
            m_blocks.push_back(allocateBlock());
        (*this)[m_size++] = value;
    }
    /// Appends a value-initialised element and returns it.
    T &emplace_back()
    {
        push_back(T{});
        return back();
    }
    void pop_back() { --m_size; }
    /// Shrinks to `n` elements (n <= size()); keeps the blocks for reuse.
    void truncate(qint64 n) { m_size = n; }
    /// Returns the blocks beyond the current size, but keeps one: a table that empties and
    /// fills again all the time (a state endpoints pass through) allocates nothing.
    void shrinkToFit()
    {
        const size_t needed = std::max<size_t>(1, size_t((m_size + BlockSize - 1) >> BlockBits));
        if (m_blocks.size() > needed)
            m_blocks.resize(needed);
    }
    /// Empties the array and returns its memory.
    void clear()
    {
        m_blocks.clear();
        m_blocks.shrink_to_fit();
        m_size = 0;
    }
    /// Bytes held in blocks (for the memory figures of bench_sim).
    qint64 allocatedBytes() const { return qint64(m_blocks.size()) * BlockSize * qint64(sizeof(T)); }

private:
    struct Free
    {
        void operator()(T *p) const { std::free(p); }
    };
    using Block = std::unique_ptr<T[], Free>;

    // Raw storage: every element is written by push_back before it is read, and values with
    // default member initialisers would otherwise cost a pass over each new block (implicit-
    // lifetime types: trivially copyable aggregates).
    static Block allocateBlock()
    {
        void *p = std::malloc(size_t(BlockSize) * sizeof(T));
        if (!p)
            throw std::bad_alloc();
        return Block(static_cast<T *>(p));
    }

    std::vector<Block> m_blocks;
    qint64 m_size = 0;
};

} // namespace bs::sim
