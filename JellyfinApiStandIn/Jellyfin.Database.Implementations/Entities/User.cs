using System;

namespace Jellyfin.Database.Implementations.Entities;

public class User
{
    public User(string username, string authenticationProviderId, string passwordResetProviderId)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(authenticationProviderId);
        ArgumentException.ThrowIfNullOrEmpty(passwordResetProviderId);
        Username = username;
        AuthenticationProviderId = authenticationProviderId;
        PasswordResetProviderId = passwordResetProviderId;
        Id = Guid.NewGuid();
    }

    public Guid Id { get; set; }

    public string Username { get; set; }

    public string AuthenticationProviderId { get; set; }

    public string PasswordResetProviderId { get; set; }
}
