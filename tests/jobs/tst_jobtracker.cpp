#include "core/jobs/jobtracker.h"

#include <QObject>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <memory>

using namespace bs;

namespace {

/// A job that waits until the test lets it go, so the test decides what happens meanwhile.
struct Gate
{
    QSemaphore entered;
    QSemaphore release;
    std::atomic<bool> sawCancel{false};
    std::atomic<bool> finished{false};
};

/// An owner as the application has them: the tracker is a member, results land in members.
class Owner : public QObject
{
public:
    explicit Owner(QThreadPool *pool)
        : m_jobs(this, pool)
    {
    }

    void startGated(const std::shared_ptr<Gate> &gate, int value)
    {
        m_jobs.start(
            [gate, value](const JobContext &job) {
                gate->entered.release();
                gate->release.acquire();
                gate->sawCancel = job.isCancelled();
                gate->finished = true;
                return value;
            },
            [this](int v) {
                results.append(v);
                deliveredOn = QThread::currentThread();
            });
    }

    JobTracker m_jobs;
    QList<int> results;
    QThread *deliveredOn = nullptr;
};

} // namespace

class TestJobTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_pool.setMaxThreadCount(4); }
    void cleanup() { m_pool.waitForDone(5000); }

    void deliversOnTheOwnersThread()
    {
        Owner owner(&m_pool);
        std::atomic<QThread *> ranOn = nullptr;
        owner.m_jobs.start([&ranOn](const JobContext &) {
            ranOn = QThread::currentThread();
            return 42;
        }, [&owner](int v) {
            owner.results.append(v);
            owner.deliveredOn = QThread::currentThread();
        });
        QVERIFY(owner.m_jobs.isRunning());
        QTRY_COMPARE(owner.results, QList<int>{42});
        QVERIFY(ranOn.load() != QThread::currentThread());
        QCOMPARE(owner.deliveredOn, QThread::currentThread());
        QVERIFY(!owner.m_jobs.isRunning());
    }

    // A job that is replaced, cancelled, or whose tracker or owner goes away is told so by its
    // predicate and never delivers; only the latest job's result arrives.
    void staleResultIsDropped_data()
    {
        QTest::addColumn<QString>("what");
        QTest::newRow("superseded by a newer job") << QStringLiteral("restart");
        QTest::newRow("cancelled") << QStringLiteral("cancel");
        QTest::newRow("owner destroyed") << QStringLiteral("destroy");
    }

    void staleResultIsDropped()
    {
        QFETCH(QString, what);
        auto owner = std::make_unique<Owner>(&m_pool);
        auto first = std::make_shared<Gate>();
        owner->startGated(first, 1);
        QVERIFY(first->entered.tryAcquire(1, 5000));

        auto second = std::make_shared<Gate>();
        if (what == QLatin1String("restart"))
            owner->startGated(second, 2);
        else if (what == QLatin1String("cancel"))
            owner->m_jobs.cancel();
        else
            owner.reset(); // the result would land in a deleted object: ASan or a crash would say so

        first->release.release();
        QTRY_VERIFY(first->finished.load());
        QVERIFY(first->sawCancel.load());
        if (what == QLatin1String("restart")) {
            QVERIFY(second->entered.tryAcquire(1, 5000));
            second->release.release();
            QTRY_COMPARE(owner->results, QList<int>{2});
        }
        // Whatever the first job posted has had every chance to arrive by now.
        m_pool.waitForDone(5000);
        QCoreApplication::processEvents();
        if (owner) {
            QVERIFY(!owner->results.contains(1));
            QCOMPARE(owner->m_jobs.isRunning(), false);
        }
    }

    // The result was already posted when the owner went: the queued call dies with the owner.
    void resultPostedThenOwnerDestroyed()
    {
        auto owner = std::make_unique<Owner>(&m_pool);
        auto gate = std::make_shared<Gate>();
        owner->startGated(gate, 7);
        gate->release.release();
        // Blocks without an event loop: the result is posted, not yet delivered.
        QVERIFY(m_pool.waitForDone(5000));
        QVERIFY(gate->finished.load());
        QVERIFY(owner->results.isEmpty());
        owner.reset();
        QCoreApplication::processEvents();
        QVERIFY(!gate->sawCancel.load());
    }

    // A job that never looks at its predicate still cannot deliver late.
    void jobQueuedBehindABusyPoolIsSkipped()
    {
        QThreadPool single;
        single.setMaxThreadCount(1);
        Owner owner(&single);
        auto gate = std::make_shared<Gate>();
        owner.startGated(gate, 1);
        QVERIFY(gate->entered.tryAcquire(1, 5000));
        std::atomic<int> ranSecond = 0;
        owner.m_jobs.start([&ranSecond](const JobContext &) { ++ranSecond; return 2; },
                           [&owner](int v) { owner.results.append(v); });
        // Superseded while waiting for a thread: it must not run at all.
        auto third = std::make_shared<Gate>();
        owner.startGated(third, 3);
        gate->release.release();
        third->release.release();
        QTRY_COMPARE(owner.results, QList<int>{3});
        QCOMPARE(ranSecond.load(), 0);
    }

    void postedCallsArriveInOrderBeforeTheResult()
    {
        QObject owner;
        JobTracker jobs(&owner, &m_pool);
        auto seen = std::make_shared<QStringList>();
        QStringList expected;
        for (int i = 0; i < 50; ++i)
            expected.append(QString::number(i));
        expected.append(QStringLiteral("result"));
        jobs.start(
            [seen](const JobContext &job) {
                for (int i = 0; i < 50; ++i)
                    job.post([seen, i] { seen->append(QString::number(i)); });
                return QStringLiteral("result");
            },
            [seen](const QString &r) { seen->append(r); });
        QTRY_VERIFY(!jobs.isRunning());
        QCOMPARE(*seen, expected);
    }

    // What the job posts after it was cancelled never reaches the owner.
    void postAfterCancelIsDropped()
    {
        QObject owner;
        JobTracker jobs(&owner, &m_pool);
        auto gate = std::make_shared<Gate>();
        auto seen = std::make_shared<QStringList>();
        jobs.start(
            [gate, seen](const JobContext &job) {
                job.post([seen] { seen->append(QStringLiteral("before")); });
                gate->entered.release();
                gate->release.acquire();
                job.post([seen] { seen->append(QStringLiteral("after")); });
                gate->finished = true;
                return 0;
            },
            [seen](int) { seen->append(QStringLiteral("result")); });
        QVERIFY(gate->entered.tryAcquire(1, 5000));
        QTRY_COMPARE(*seen, QStringList{QStringLiteral("before")});
        jobs.cancel();
        QVERIFY(!jobs.isRunning());
        gate->release.release();
        QTRY_VERIFY(gate->finished.load());
        m_pool.waitForDone(5000);
        QCoreApplication::processEvents();
        QCOMPARE(*seen, QStringList{QStringLiteral("before")});
    }

    void voidJob()
    {
        QObject owner;
        JobTracker jobs(&owner, &m_pool);
        bool delivered = false;
        jobs.start([](const JobContext &) {}, [&delivered] { delivered = true; });
        QTRY_VERIFY(delivered);
        QVERIFY(!jobs.isRunning());
    }

private:
    QThreadPool m_pool;
};

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_jobtracker.moc"
