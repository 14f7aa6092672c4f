#include "data/history/columncodec.h"

#include "data/history/bitreader.h"
#include "data/history/bitwriter.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace bs {

namespace {

enum Mode : quint64 { Constant = 0, Order0 = 1, Order1 = 2, Order2 = 3, Xor = 4 };
constexpr int ModeBits = 3;
// A quotient this long is cheaper stored with its bit length (6 bits) than in unary.
constexpr int Escape = 24;
// Doubles that are whole numbers up to 2^53 convert to qint64 and back exactly.
constexpr double MaxExactInteger = 9007199254740992.0;

quint64 bitsOf(double v)
{
    quint64 b = 0;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

double doubleOf(quint64 b)
{
    double v = 0;
    std::memcpy(&v, &b, sizeof v);
    return v;
}

quint64 zigzag(quint64 r)
{
    return (r << 1) ^ quint64(qint64(r) >> 63);
}

quint64 unzigzag(quint64 u)
{
    return (u >> 1) ^ (~(u & 1) + 1);
}

// Residuals of order 0, 1 or 2 in wrapping arithmetic: exact for every qint64, no overflow.
std::vector<quint64> residuals(const std::vector<qint64> &values, int order)
{
    std::vector<quint64> out;
    out.reserve(values.size());
    quint64 previous = 0;
    quint64 previousDelta = 0;
    for (const qint64 v : values) {
        const auto u = quint64(v);
        const quint64 delta = u - previous;
        out.push_back(zigzag(order == 0 ? u : order == 1 ? delta : delta - previousDelta));
        previous = u;
        previousDelta = delta;
    }
    return out;
}

qint64 riceCost(const std::vector<quint64> &zigzagged, int k)
{
    qint64 bits = 0;
    for (const quint64 u : zigzagged) {
        const quint64 q = u >> k;
        bits += q < quint64(Escape) ? qint64(q) + 1 + k : Escape + 6 + std::bit_width(u);
    }
    return bits;
}

void writeRice(BitWriter &out, const std::vector<quint64> &zigzagged, int k)
{
    out.write(quint64(k), 6);
    for (const quint64 u : zigzagged) {
        const quint64 q = u >> k;
        if (q < quint64(Escape)) {
            out.writeUnary(int(q));
            out.write(u, k);
        } else {
            // Escape ones without the closing zero, then the bit length and the bits.
            out.write((quint64(1) << Escape) - 1, Escape);
            const int length = std::bit_width(u);
            out.write(quint64(length - 1), 6);
            out.write(u, length);
        }
    }
}

bool readIntegers(BitReader &in, int order, size_t count, std::vector<qint64> *out)
{
    quint64 k = 0;
    if (!in.read(6, &k))
        return false;
    quint64 previous = 0;
    quint64 previousDelta = 0;
    for (size_t i = 0; i < count; ++i) {
        int q = 0;
        if (!in.readUnary(Escape, &q))
            return false;
        quint64 u = 0;
        if (q < Escape) {
            quint64 low = 0;
            if (!in.read(int(k), &low))
                return false;
            u = (quint64(q) << k) | low;
        } else {
            quint64 length = 0;
            if (!in.read(6, &length) || !in.read(int(length) + 1, &u))
                return false;
        }
        const quint64 r = unzigzag(u);
        const quint64 delta = order == 0 ? r - previous : order == 1 ? r : previousDelta + r;
        const quint64 value = order == 0 ? r : previous + delta;
        out->push_back(qint64(value));
        previousDelta = value - previous;
        previous = value;
    }
    return true;
}

// The best Rice parameter lies near the bit length of the mean residual: try a few around it.
QByteArray encodeIntegerOrders(const std::vector<qint64> &values)
{
    QByteArray best;
    for (int order = 0; order <= 2; ++order) {
        const std::vector<quint64> r = residuals(values, order);
        long double sum = 0;
        for (const quint64 u : r)
            sum += (long double)u;
        const int centre = std::bit_width(quint64(sum / (long double)std::max<size_t>(1, r.size())));
        int bestK = 0;
        qint64 bestCost = riceCost(r, 0);
        for (int k = std::max(1, centre - 3); k <= std::min(63, centre + 2); ++k) {
            const qint64 cost = riceCost(r, k);
            if (cost < bestCost) {
                bestCost = cost;
                bestK = k;
            }
        }
        if (!best.isEmpty() && (ModeBits + 6 + bestCost + 7) / 8 >= best.size())
            continue;
        BitWriter out;
        out.write(quint64(Order0 + order), ModeBits);
        writeRice(out, r, bestK);
        best = out.take();
    }
    return best;
}

QByteArray encodeXor(const std::vector<double> &values)
{
    BitWriter out;
    out.write(Xor, ModeBits);
    quint64 previous = 0;
    int windowLead = -1;
    int windowTrail = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        const quint64 bits = bitsOf(values[i]);
        if (i == 0) {
            out.write(bits, 64);
            previous = bits;
            continue;
        }
        const quint64 x = bits ^ previous;
        previous = bits;
        if (x == 0) {
            out.writeBit(false);
            continue;
        }
        out.writeBit(true);
        const int lead = std::min(31, std::countl_zero(x));
        const int trail = std::countr_zero(x);
        if (windowLead >= 0 && lead >= windowLead && trail >= windowTrail) {
            // The meaningful bits fit the previous window: no new window description.
            out.writeBit(false);
            out.write(x >> windowTrail, 64 - windowLead - windowTrail);
        } else {
            const int significant = 64 - lead - trail;
            out.writeBit(true);
            out.write(quint64(lead), 5);
            out.write(quint64(significant - 1), 6);
            out.write(x >> trail, significant);
            windowLead = lead;
            windowTrail = trail;
        }
    }
    return out.take();
}

bool readXor(BitReader &in, size_t count, std::vector<double> *out)
{
    quint64 previous = 0;
    int windowLead = -1;
    int windowTrail = 0;
    for (size_t i = 0; i < count; ++i) {
        if (i == 0) {
            if (!in.read(64, &previous))
                return false;
            out->push_back(doubleOf(previous));
            continue;
        }
        bool changed = false;
        if (!in.readBit(&changed))
            return false;
        if (changed) {
            bool newWindow = false;
            if (!in.readBit(&newWindow))
                return false;
            if (newWindow) {
                quint64 lead = 0;
                quint64 significant = 0;
                if (!in.read(5, &lead) || !in.read(6, &significant))
                    return false;
                windowLead = int(lead);
                windowTrail = 64 - windowLead - int(significant + 1);
                if (windowTrail < 0)
                    return false;
            } else if (windowLead < 0) {
                return false; // a reused window before any was described: damaged
            }
            quint64 x = 0;
            if (!in.read(64 - windowLead - windowTrail, &x))
                return false;
            previous ^= x << windowTrail;
        }
        out->push_back(doubleOf(previous));
    }
    return true;
}

bool isExactInteger(double v)
{
    return v == std::trunc(v) && std::fabs(v) <= MaxExactInteger && !(v == 0 && std::signbit(v));
}

bool allSameBits(const std::vector<double> &values)
{
    for (const double v : values) {
        if (bitsOf(v) != bitsOf(values.front()))
            return false;
    }
    return true;
}

QByteArray encodeConstant(quint64 bits)
{
    BitWriter out;
    out.write(Constant, ModeBits);
    out.write(bits, 64);
    return out.take();
}

// The modes that are not XOR: the constant's 64 bits repeated, or integers of an order.
bool readConstantOrIntegers(BitReader &in, quint64 mode, size_t count, std::vector<qint64> *out)
{
    if (mode == Constant) {
        quint64 v = 0;
        if (!in.read(64, &v))
            return false;
        out->insert(out->end(), count, qint64(v));
        return true;
    }
    if (mode < Order0 || mode > Order2)
        return false;
    return readIntegers(in, int(mode - Order0), count, out);
}

} // namespace

QByteArray ColumnCodec::encodeIntegers(const std::vector<qint64> &values)
{
    if (values.empty())
        return QByteArray();
    bool constant = true;
    for (const qint64 v : values)
        constant = constant && v == values.front();
    return constant ? encodeConstant(quint64(values.front())) : encodeIntegerOrders(values);
}

bool ColumnCodec::decodeIntegers(QByteArrayView bytes, size_t count, std::vector<qint64> *out)
{
    if (count == 0)
        return true;
    BitReader in(bytes);
    quint64 mode = 0;
    return in.read(ModeBits, &mode) && readConstantOrIntegers(in, mode, count, out);
}

QByteArray ColumnCodec::encodeDoubles(const std::vector<double> &values)
{
    if (values.empty())
        return QByteArray();
    if (allSameBits(values))
        return encodeConstant(bitsOf(values.front()));
    QByteArray best = encodeXor(values);
    bool integral = true;
    for (const double v : values)
        integral = integral && isExactInteger(v);
    if (integral) {
        std::vector<qint64> integers;
        integers.reserve(values.size());
        for (const double v : values)
            integers.push_back(qint64(v));
        QByteArray asIntegers = encodeIntegerOrders(integers);
        if (asIntegers.size() < best.size())
            best = std::move(asIntegers);
    }
    return best;
}

bool ColumnCodec::decodeDoubles(QByteArrayView bytes, size_t count, std::vector<double> *out)
{
    if (count == 0)
        return true;
    BitReader in(bytes);
    quint64 mode = 0;
    if (!in.read(ModeBits, &mode))
        return false;
    if (mode == Xor)
        return readXor(in, count, out);
    std::vector<qint64> raw;
    raw.reserve(count);
    if (!readConstantOrIntegers(in, mode, count, &raw))
        return false;
    // A constant holds the double's bits; the integer modes hold whole numbers.
    for (const qint64 v : raw)
        out->push_back(mode == Constant ? doubleOf(quint64(v)) : double(v));
    return true;
}

} // namespace bs
