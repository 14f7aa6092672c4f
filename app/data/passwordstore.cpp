#include "data/passwordstore.h"

#include <qt6keychain/keychain.h>

namespace bs {

PasswordStore::PasswordStore(QObject *parent)
    : QObject(parent)
{
}

QString PasswordStore::serviceName()
{
    return QStringLiteral("Broker Studio");
}

void PasswordStore::noteError(int error)
{
    // OtherError is what the Secret Service backend reports without a D-Bus session
    // ("Cannot autolaunch D-Bus without X11 $DISPLAY"): no keychain to talk to either.
    const bool unavailable = error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
    if (unavailable && m_available) {
        m_available = false;
        Q_EMIT availabilityChanged(false);
    }
}

// Jobs have no parent and delete themselves when done (QKeychain::Job::autoDelete): the Secret
// Service backend calls back into a job after its D-Bus reply, so a job must outlive this store
// if the store goes first. The connection to `this` is dropped with the store.

void PasswordStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(key);
    // Never fall back to a plain-text file: no keychain means asking each time.
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *j) {
        auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (readJob->error() == QKeychain::NoError)
            Q_EMIT passwordRead(key, readJob->textData());
        else if (readJob->error() == QKeychain::EntryNotFound)
            Q_EMIT passwordMissing(key);
        else {
            noteError(readJob->error());
            Q_EMIT failed(key, readJob->errorString());
        }
    });
    job->start();
}

void PasswordStore::write(const QString &key, const QString &password)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError) {
            Q_EMIT passwordWritten(key);
        } else {
            noteError(j->error());
            Q_EMIT failed(key, j->errorString());
        }
    });
    job->start();
}

void PasswordStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound) {
            noteError(j->error());
            Q_EMIT failed(key, j->errorString());
        }
    });
    job->start();
}

} // namespace bs
