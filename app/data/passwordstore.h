#pragma once

#include <QObject>

namespace bs {

/// Passwords of SQL logins in the operating system's keychain (through QtKeychain: Secret
/// Service/KWallet on Linux, Keychain on macOS, Credential Manager on Windows). Never a file of
/// ours. When no keychain service answers, isAvailable() turns false and callers ask each time.
/// Every call is asynchronous and reports by signal.
class PasswordStore : public QObject
{
    Q_OBJECT
public:
    explicit PasswordStore(QObject *parent = nullptr);

    void read(const QString &key);
    void write(const QString &key, const QString &password);
    void remove(const QString &key);

    /// False once a job has reported that no keychain service is available.
    bool isAvailable() const { return m_available; }
    /// The service name under which entries are filed.
    static QString serviceName();

Q_SIGNALS:
    void passwordRead(const QString &key, const QString &password);
    /// Nothing is stored under the key (not an error: the dialog asks).
    void passwordMissing(const QString &key);
    void passwordWritten(const QString &key);
    /// The keychain's own error text, or the reason there is no keychain.
    void failed(const QString &key, const QString &message);
    void availabilityChanged(bool available);

private:
    void noteError(int error);

    bool m_available = true;
};

} // namespace bs
