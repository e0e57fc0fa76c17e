// Generated from the server's OpenAPI document by `node scripts/openapi-types.ts`: do not edit.

export interface paths {
    "/api/v1/actors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List actors
         * @description List actors. One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listActors"];
        put?: never;
        /**
         * Add an actor
         * @description Add an actor. Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createActors"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/actors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an actor with their filmography
         * @description Read an actor with their filmography. The answer carries the item’s version as `ETag`; `If-None-Match` with it answers 304.
         */
        get: operations["getActor"];
        put?: never;
        post?: never;
        /**
         * Delete an actor and their castings
         * @description Delete an actor and their castings. With `If-Match` the deletion applies only to that version (412 otherwise).
         */
        delete: operations["deleteActor"];
        options?: never;
        head?: never;
        /**
         * Change an actor
         * @description Change an actor. The body names only the fields to change, as JSON or `application/merge-patch+json`. With `If-Match` the change applies only to that version (412 otherwise); the answer carries the new `ETag`.
         */
        patch: operations["updateActor"];
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail
         * @description The audit trail. One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Re-check the hash chain (every sealed entry)
         * @description Re-check the hash chain (every sealed entry).
         */
        get: operations["getAuditVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the current session
         * @description End the current session.
         */
        post: operations["postAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout/everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every session of the caller, the current one included
         * @description Every refresh token and access token of those sessions is refused from the next request on, on every node. Personal access tokens are not sessions: they keep working until revoked, and cannot call this (403).
         */
        post: operations["postAuthLogoutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller, with roles and permissions
         * @description The caller, with roles and permissions.
         */
        get: operations["getAuthMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the caller's password and end their other sessions
         * @description Change the caller's password and end their other sessions.
         */
        post: operations["postAuthPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in (password grant) or refresh a session (refresh_token grant)
         * @description The OAuth 2.0 token endpoint (RFC 6749): the password grant and the refresh grant, as a form. Backlot also takes the same parameters as JSON, and JSON `{"email","password"}` without `grant_type` signs in. A request with neither `grant_type` nor that JSON form is `invalid_request`; a wrong password or a bad, spent or expired refresh token `invalid_grant`; another grant `unsupported_grant_type` (all 400). Every answer is `Cache-Control: no-store`.
         */
        post: operations["issueToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's personal access tokens that are not revoked
         * @description Every token on one page (a user holds at most 100), newest first; never the secrets.
         */
        get: operations["listPersonalTokens"];
        put?: never;
        /**
         * Create a personal access token (its secret is shown once)
         * @description A named bearer token for scripts and integrations, with a subset of your own permissions and an expiry (30 days unless said, at most 366). The answer holds the secret, once; only its hash is kept. A personal access token cannot create another one.
         */
        post: operations["createPersonalToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke one of your personal access tokens, at once
         * @description The token is refused from the next request on. Another user’s token, or a revoked one, is 404.
         */
        delete: operations["revokePersonalToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List bookings (a requester: their own)
         * @description List bookings (a requester: their own). One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listBookings"];
        put?: never;
        /**
         * Submit a booking request (honours Idempotency-Key)
         * @description Submit a booking request (honours Idempotency-Key). Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createBookings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a booking (a requester: their own)
         * @description Read a booking (a requester: their own). The answer carries the item’s version as `ETag`; `If-None-Match` with it answers 304.
         */
        get: operations["getBooking"];
        put?: never;
        post?: never;
        /**
         * Delete a booking (a requester: withdraw their own pending one)
         * @description Delete a booking (a requester: withdraw their own pending one). With `If-Match` the deletion applies only to that version (412 otherwise).
         */
        delete: operations["deleteBooking"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a pending booking
         * @description Accept a pending booking.
         */
        post: operations["acceptBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bookings/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a pending booking, saying why
         * @description Reject a pending booking, saying why.
         */
        post: operations["rejectBooking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List clients
         * @description List clients. One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listClients"];
        put?: never;
        /**
         * Add a client (a salesperson becomes its sales contact)
         * @description Add a client (a salesperson becomes its sales contact). Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createClients"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a client
         * @description Read a client. The answer carries the item’s version as `ETag`; `If-None-Match` with it answers 304.
         */
        get: operations["getClient"];
        put?: never;
        post?: never;
        /**
         * Delete a client that has no contracts or orders
         * @description Delete a client that has no contracts or orders. With `If-Match` the deletion applies only to that version (412 otherwise).
         */
        delete: operations["deleteClient"];
        options?: never;
        head?: never;
        /**
         * Change a client (sales: their own, and not its salesContactId)
         * @description Change a client (sales: their own, and not its salesContactId). The body names only the fields to change, as JSON or `application/merge-patch+json`. With `If-Match` the change applies only to that version (412 otherwise); the answer carries the new `ETag`.
         */
        patch: operations["updateClient"];
        trace?: never;
    };
    "/api/v1/contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List contracts
         * @description List contracts. One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listContracts"];
        put?: never;
        /**
         * Draw up a contract (draft)
         * @description Draw up a contract (draft). Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createContracts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a contract
         * @description Read a contract. The answer carries the item’s version as `ETag`; `If-None-Match` with it answers 304.
         */
        get: operations["getContract"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a contract's amounts (status changes only by signing)
         * @description Change a contract's amounts (status changes only by signing). The body names only the fields to change, as JSON or `application/merge-patch+json`. With `If-Match` the change applies only to that version (412 otherwise); the answer carries the new `ETag`.
         */
        patch: operations["updateContract"];
        trace?: never;
    };
    "/api/v1/contracts/{id}/sign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign a contract (once)
         * @description Sign a contract (once).
         */
        post: operations["signContract"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events
         * @description List events. One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listEvents"];
        put?: never;
        /**
         * Plan the event of a signed contract (one per contract)
         * @description Plan the event of a signed contract (one per contract). Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an event
         * @description Read an event. The answer carries the item’s version as `ETag`; `If-None-Match` with it answers 304.
         */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an event (support: their own, not its contract or assignment)
         * @description Change an event (support: their own, not its contract or assignment). The body names only the fields to change, as JSON or `application/merge-patch+json`. With `If-Match` the change applies only to that version (412 otherwise); the answer carries the new `ETag`.
         */
        patch: operations["updateEvent"];
        trace?: never;
    };
    "/api/v1/events/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign support to an event (null unassigns)
         * @description Assign support to an event (null unassigns).
         */
        post: operations["assignEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List movies
         * @description List movies. One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listMovies"];
        put?: never;
        /**
         * Add a movie
         * @description Add a movie. Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createMovies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/movies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a movie with its cast
         * @description Read a movie with its cast. The answer carries the item’s version as `ETag`; `If-None-Match` with it answers 304.
         */
        get: operations["getMovie"];
        put?: never;
        post?: never;
        /**
         * Delete a movie
         * @description Delete a movie. With `If-Match` the deletion applies only to that version (412 otherwise).
         */
        delete: operations["deleteMovie"];
        options?: never;
        head?: never;
        /**
         * Change a movie (price and stock need patch:inventory)
         * @description Change a movie (price and stock need patch:inventory). The body names only the fields to change, as JSON or `application/merge-patch+json`. With `If-Match` the change applies only to that version (412 otherwise); the answer carries the new `ETag`.
         */
        patch: operations["updateMovie"];
        trace?: never;
    };
    "/api/v1/movies/{id}/cast/{actorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Cast an actor in a movie, or change their part
         * @description Cast an actor in a movie, or change their part.
         */
        put: operations["setMovieCast"];
        post?: never;
        /**
         * Remove an actor from a movie
         * @description Remove an actor from a movie. With `If-Match` the deletion applies only to that version (412 otherwise).
         */
        delete: operations["deleteMovieCast"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders, with their items
         * @description List orders, with their items. One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Place an order: prices it and takes the stock (409 names the movies short; honours Idempotency-Key)
         * @description Place an order: prices it and takes the stock (409 names the movies short; honours Idempotency-Key). Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createOrders"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an order with its items
         * @description Read an order with its items. The answer carries the item’s version as `ETag`; `If-None-Match` with it answers 304.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Assign an order to an active user (null: to nobody)
         * @description Assign an order to an active user (null: to nobody). The body names only the fields to change, as JSON or `application/merge-patch+json`. With `If-Match` the change applies only to that version (412 otherwise); the answer carries the new `ETag`.
         */
        patch: operations["updateOrder"];
        trace?: never;
    };
    "/api/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a pending order, giving its stock back
         * @description Cancel a pending order, giving its stock back.
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/fulfil": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fulfil a pending order
         * @description Fulfil a pending order.
         */
        post: operations["fulfilOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List roles
         * @description List roles. One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listRoles"];
        put?: never;
        /**
         * Create a custom role from the permission catalogue
         * @description Create a custom role from the permission catalogue. Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createRoles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a role
         * @description Read a role. The answer carries the item’s version as `ETag`; `If-None-Match` with it answers 304.
         */
        get: operations["getRole"];
        put?: never;
        post?: never;
        /**
         * Delete a custom role (built-in roles cannot be deleted: 409)
         * @description Delete a custom role (built-in roles cannot be deleted: 409). With `If-Match` the deletion applies only to that version (412 otherwise).
         */
        delete: operations["deleteRole"];
        options?: never;
        head?: never;
        /**
         * Change a custom role (built-in roles are read-only: 409)
         * @description Change a custom role (built-in roles are read-only: 409). The body names only the fields to change, as JSON or `application/merge-patch+json`. With `If-Match` the change applies only to that version (412 otherwise); the answer carries the new `ETag`.
         */
        patch: operations["updateRole"];
        trace?: never;
    };
    "/api/v1/stats/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The dashboard's figures, each part only if the caller may read its resource
         * @description The dashboard's figures, each part only if the caller may read its resource.
         */
        get: operations["getStatsOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description List users. One page of `{"items","nextCursor"}`: see `limit`, `cursor`, `sort`, `filter` and `q`.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user (without a password: a one-time password is returned, once)
         * @description Create a user (without a password: a one-time password is returned, once). Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a user
         * @description Read a user. The answer carries the item’s version as `ETag`; `If-None-Match` with it answers 304.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Deactivate a user and end their sessions (users are never deleted)
         * @description Deactivate a user and end their sessions (users are never deleted). With `If-Match` the deletion applies only to that version (412 otherwise).
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Change a user (active=false deactivates)
         * @description Change a user (active=false deactivates). The body names only the fields to change, as JSON or `application/merge-patch+json`. With `If-Match` the change applies only to that version (412 otherwise); the answer carries the new `ETag`.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a user a one-time password (returned once) and end their sessions
         * @description Give a user a one-time password (returned once) and end their sessions.
         */
        post: operations["resetPasswordUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's saved views, of one list or of all
         * @description The caller's saved views, of one list or of all.
         */
        get: operations["listViews"];
        put?: never;
        /**
         * Save the current filter of a list under a name (409 if the name is taken)
         * @description Save the current filter of a list under a name (409 if the name is taken). Answers 201 with the new item, its `Location` and `ETag`.
         */
        post: operations["createViews"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/views/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete one of the caller’s saved views
         * @description Delete one of the caller’s saved views.
         */
        delete: operations["deleteView"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Actor: {
            age: number | null;
            /** Format: date-time */
            createdAt: string;
            gender: string | null;
            id: number;
            name: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        Booking: {
            address: {
                city: string;
                country: string;
                postalCode: string;
                state?: string;
                street: string;
            };
            attendees: number;
            /** Format: date-time */
            createdAt: string;
            decidedAt: string | null;
            decidedBy: number | null;
            /** @description The note of an acceptance, or why not */
            decisionNote: string | null;
            durationMinutes: number;
            id: number;
            notes: string | null;
            /** @description Who submitted it */
            requesterId: number;
            /** Format: date-time */
            startsAt: string;
            status: "pending" | "accepted" | "rejected";
            topic: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        Client: {
            companyName: string | null;
            /** Format: date-time */
            createdAt: string;
            email: string;
            fullName: string;
            id: number;
            lastContactAt: string | null;
            phone: string | null;
            salesContactId: number | null;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        Contract: {
            clientId: number;
            /** Format: date-time */
            createdAt: string;
            dueCents: number;
            id: number;
            /** @description Read-only: the client's */
            salesContactId: number | null;
            signedAt: string | null;
            status: "draft" | "signed";
            totalCents: number;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        Event: {
            attendees: number | null;
            /** @description Read-only: the contract's client */
            clientId: number;
            contractId: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            endsAt: string;
            id: number;
            location: string | null;
            name: string;
            notes: string | null;
            /** Format: date-time */
            startsAt: string;
            supportContactId: number | null;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        Movie: {
            /** Format: date-time */
            createdAt: string;
            genres: string[];
            id: number;
            priceCents: number;
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            releaseDate: string;
            stock: number;
            title: string;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        Order: {
            assigneeId: number | null;
            clientId: number;
            /** Format: date-time */
            createdAt: string;
            fulfilledAt: string | null;
            id: number;
            items: {
                movieId: number;
                quantity: number;
                /** @description The movie's price when the order was placed */
                unitPriceCents: number;
            }[];
            status: "pending" | "fulfilled" | "cancelled";
            totalCents: number;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        PersonalToken: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            id: number;
            name: string;
            permissions: string[];
            revokedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        /** @description An RFC 9457 problem */
        Problem: {
            code: string;
            detail: string;
            errors?: {
                message: string;
                path: string;
            }[];
            instance?: string;
            /** @description On a 403: the permission that would allow the request */
            permission?: string;
            status: number;
            title: string;
            type: string;
        };
        Role: {
            builtIn: boolean;
            /** Format: date-time */
            createdAt: string;
            description: string;
            id: number;
            name: string;
            permissions: ("get:movies" | "post:movies" | "patch:movies" | "delete:movies" | "get:actors" | "post:actors" | "patch:actors" | "delete:actors" | "patch:inventory" | "get:orders" | "post:orders" | "patch:orders" | "get:clients" | "post:clients" | "patch:clients" | "patch:clients:own" | "delete:clients" | "get:contracts" | "post:contracts" | "patch:contracts" | "patch:contracts:own" | "get:events" | "post:events" | "post:events:own" | "patch:events" | "patch:events:own" | "post:bookings" | "get:bookings" | "get:bookings:own" | "decide:bookings" | "delete:bookings" | "delete:bookings:own" | "get:users" | "post:users" | "patch:users" | "delete:users" | "get:roles" | "post:roles" | "patch:roles" | "delete:roles" | "get:audit" | "*")[];
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
        SavedView: {
            /** Format: date-time */
            createdAt: string;
            filter: string;
            id: number;
            list: string;
            name: string;
            sort: string | null;
        };
        User: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            email: string;
            employeeNumber: string | null;
            fullName: string;
            id: number;
            lastLoginAt: string | null;
            mustChangePassword: boolean;
            roles: string[];
            /** Format: date-time */
            updatedAt: string;
            version: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listActors: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Actor"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createActors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    age?: number | null;
                    gender?: string | null;
                    name: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        age: number | null;
                        /** Format: date-time */
                        createdAt: string;
                        gender: string | null;
                        id: number;
                        name: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getActor: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` you hold: 304 with no body when the item is still at that version. */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        age: number | null;
                        /** Format: date-time */
                        createdAt: string;
                        filmography: {
                            billing: number | null;
                            character: string;
                            movieId: number;
                            releaseDate: string;
                            title: string;
                        }[];
                        gender: string | null;
                        id: number;
                        name: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Not modified: the item is still at the version named */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteActor: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateActor: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    age?: number | null;
                    gender?: string | null;
                    name?: string;
                };
                "application/merge-patch+json": {
                    age?: number | null;
                    gender?: string | null;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        age: number | null;
                        /** Format: date-time */
                        createdAt: string;
                        gender: string | null;
                        id: number;
                        name: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAudit: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            action: string;
                            actorId: number | null;
                            at: string;
                            changes: {
                                [key: string]: unknown[];
                            };
                            entity: string;
                            entityId: string;
                            /** @description null while the entry is pending */
                            hash: string | null;
                            id: number;
                            /** @description committed, but not linked into the hash chain yet (for a moment) */
                            pending: boolean;
                            requestId: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAuditVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        brokenAt: {
                            id: number;
                            reason: string;
                        } | null;
                        checked: number;
                        ok: boolean;
                    };
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthLogoutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        email: string;
                        employeeNumber: string | null;
                        fullName: string;
                        id: number;
                        lastLoginAt: string | null;
                        mustChangePassword: boolean;
                        permissions: string[];
                        roles: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    client_id?: string;
                    email?: string;
                    /** @enum {string} */
                    grant_type?: "password" | "refresh_token";
                    password?: string;
                    refresh_token?: string;
                    scope?: string;
                    username?: string;
                };
                "application/x-www-form-urlencoded": {
                    client_id?: string;
                    email?: string;
                    /** @enum {string} */
                    grant_type?: "password" | "refresh_token";
                    password?: string;
                    refresh_token?: string;
                    scope?: string;
                    username?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        expires_in: number;
                        refresh_token: string;
                        /** @enum {string} */
                        token_type: "Bearer";
                    };
                };
            };
            /** @description An OAuth2 error of the token endpoint (RFC 6749 §5.2) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        detail: string;
                        error: "invalid_request" | "invalid_grant" | "unsupported_grant_type";
                        error_description: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        instance?: string;
                        /** @description On a 403: the permission that would allow the request */
                        permission?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Error */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPersonalTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PersonalToken"][];
                        /** @description Always null: every token of the caller is on the one page */
                        nextCursor: null;
                    };
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPersonalToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Days until it expires
                     * @default 30
                     */
                    expiresInDays?: number;
                    /** @description What the token is for, such as "nightly export" */
                    name: string;
                    /** @description A subset of your own permissions (`*` only if you hold every permission) */
                    permissions: string[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        expiresAt: string;
                        id: number;
                        name: string;
                        permissions: string[];
                        revokedAt: string | null;
                        /** @description The secret, shown this once: send it as `Authorization: Bearer <token>` */
                        token: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokePersonalToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBookings: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Booking"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createBookings: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first answer */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    address: {
                        city: string;
                        /**
                         * @description ISO 3166-1 alpha-2 code, upper case (FR, US, JP…)
                         * @enum {string}
                         */
                        country: "AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "YE" | "YT" | "ZA" | "ZM" | "ZW";
                        postalCode: string;
                        state?: string;
                        street: string;
                    };
                    attendees: number;
                    durationMinutes: number;
                    notes?: string | null;
                    /**
                     * Format: date-time
                     * @description ISO 8601, stored in UTC; in the future
                     */
                    startsAt: string;
                    topic: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address: {
                            city: string;
                            country: string;
                            postalCode: string;
                            state?: string;
                            street: string;
                        };
                        attendees: number;
                        /** Format: date-time */
                        createdAt: string;
                        decidedAt: string | null;
                        decidedBy: number | null;
                        /** @description The note of an acceptance, or why not */
                        decisionNote: string | null;
                        durationMinutes: number;
                        id: number;
                        notes: string | null;
                        /** @description Who submitted it */
                        requesterId: number;
                        /** Format: date-time */
                        startsAt: string;
                        status: "pending" | "accepted" | "rejected";
                        topic: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` you hold: 304 with no body when the item is still at that version. */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address: {
                            city: string;
                            country: string;
                            postalCode: string;
                            state?: string;
                            street: string;
                        };
                        attendees: number;
                        /** Format: date-time */
                        createdAt: string;
                        decidedAt: string | null;
                        decidedBy: number | null;
                        /** @description The note of an acceptance, or why not */
                        decisionNote: string | null;
                        durationMinutes: number;
                        id: number;
                        notes: string | null;
                        /** @description Who submitted it */
                        requesterId: number;
                        /** Format: date-time */
                        startsAt: string;
                        status: "pending" | "accepted" | "rejected";
                        topic: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Not modified: the item is still at the version named */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address: {
                            city: string;
                            country: string;
                            postalCode: string;
                            state?: string;
                            street: string;
                        };
                        attendees: number;
                        /** Format: date-time */
                        createdAt: string;
                        decidedAt: string | null;
                        decidedBy: number | null;
                        /** @description The note of an acceptance, or why not */
                        decisionNote: string | null;
                        durationMinutes: number;
                        id: number;
                        notes: string | null;
                        /** @description Who submitted it */
                        requesterId: number;
                        /** Format: date-time */
                        startsAt: string;
                        status: "pending" | "accepted" | "rejected";
                        topic: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectBooking: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address: {
                            city: string;
                            country: string;
                            postalCode: string;
                            state?: string;
                            street: string;
                        };
                        attendees: number;
                        /** Format: date-time */
                        createdAt: string;
                        decidedAt: string | null;
                        decidedBy: number | null;
                        /** @description The note of an acceptance, or why not */
                        decisionNote: string | null;
                        durationMinutes: number;
                        id: number;
                        notes: string | null;
                        /** @description Who submitted it */
                        requesterId: number;
                        /** Format: date-time */
                        startsAt: string;
                        status: "pending" | "accepted" | "rejected";
                        topic: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listClients: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Client"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    companyName?: string | null;
                    /** Format: email */
                    email: string;
                    fullName: string;
                    lastContactAt?: string | null;
                    phone?: string | null;
                    salesContactId?: number | null;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        companyName: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        email: string;
                        fullName: string;
                        id: number;
                        lastContactAt: string | null;
                        phone: string | null;
                        salesContactId: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getClient: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` you hold: 304 with no body when the item is still at that version. */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        companyName: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        email: string;
                        fullName: string;
                        id: number;
                        lastContactAt: string | null;
                        phone: string | null;
                        salesContactId: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Not modified: the item is still at the version named */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteClient: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateClient: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    companyName?: string | null;
                    /** Format: email */
                    email?: string;
                    fullName?: string;
                    lastContactAt?: string | null;
                    phone?: string | null;
                    salesContactId?: number | null;
                };
                "application/merge-patch+json": {
                    companyName?: string | null;
                    /** Format: email */
                    email?: string;
                    fullName?: string;
                    lastContactAt?: string | null;
                    phone?: string | null;
                    salesContactId?: number | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        companyName: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        email: string;
                        fullName: string;
                        id: number;
                        lastContactAt: string | null;
                        phone: string | null;
                        salesContactId: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listContracts: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Contract"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createContracts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    clientId: number;
                    /** @description default: totalCents */
                    dueCents?: number;
                    totalCents: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clientId: number;
                        /** Format: date-time */
                        createdAt: string;
                        dueCents: number;
                        id: number;
                        /** @description Read-only: the client's */
                        salesContactId: number | null;
                        signedAt: string | null;
                        status: "draft" | "signed";
                        totalCents: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getContract: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` you hold: 304 with no body when the item is still at that version. */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clientId: number;
                        /** Format: date-time */
                        createdAt: string;
                        dueCents: number;
                        id: number;
                        /** @description Read-only: the client's */
                        salesContactId: number | null;
                        signedAt: string | null;
                        status: "draft" | "signed";
                        totalCents: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Not modified: the item is still at the version named */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateContract: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dueCents?: number;
                    totalCents?: number;
                };
                "application/merge-patch+json": {
                    dueCents?: number;
                    totalCents?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clientId: number;
                        /** Format: date-time */
                        createdAt: string;
                        dueCents: number;
                        id: number;
                        /** @description Read-only: the client's */
                        salesContactId: number | null;
                        signedAt: string | null;
                        status: "draft" | "signed";
                        totalCents: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signContract: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clientId: number;
                        /** Format: date-time */
                        createdAt: string;
                        dueCents: number;
                        id: number;
                        /** @description Read-only: the client's */
                        salesContactId: number | null;
                        signedAt: string | null;
                        status: "draft" | "signed";
                        totalCents: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Event"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    attendees?: number | null;
                    contractId: number;
                    /**
                     * Format: date-time
                     * @description ISO 8601, stored in UTC
                     */
                    endsAt: string;
                    location?: string | null;
                    name: string;
                    notes?: string | null;
                    /**
                     * Format: date-time
                     * @description ISO 8601, stored in UTC
                     */
                    startsAt: string;
                    supportContactId?: number | null;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attendees: number | null;
                        /** @description Read-only: the contract's client */
                        clientId: number;
                        contractId: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        id: number;
                        location: string | null;
                        name: string;
                        notes: string | null;
                        /** Format: date-time */
                        startsAt: string;
                        supportContactId: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` you hold: 304 with no body when the item is still at that version. */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attendees: number | null;
                        /** @description Read-only: the contract's client */
                        clientId: number;
                        contractId: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        id: number;
                        location: string | null;
                        name: string;
                        notes: string | null;
                        /** Format: date-time */
                        startsAt: string;
                        supportContactId: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Not modified: the item is still at the version named */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    attendees?: number | null;
                    contractId?: number;
                    /**
                     * Format: date-time
                     * @description ISO 8601, stored in UTC
                     */
                    endsAt?: string;
                    location?: string | null;
                    name?: string;
                    notes?: string | null;
                    /**
                     * Format: date-time
                     * @description ISO 8601, stored in UTC
                     */
                    startsAt?: string;
                    supportContactId?: number | null;
                };
                "application/merge-patch+json": {
                    attendees?: number | null;
                    contractId?: number;
                    /**
                     * Format: date-time
                     * @description ISO 8601, stored in UTC
                     */
                    endsAt?: string;
                    location?: string | null;
                    name?: string;
                    notes?: string | null;
                    /**
                     * Format: date-time
                     * @description ISO 8601, stored in UTC
                     */
                    startsAt?: string;
                    supportContactId?: number | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attendees: number | null;
                        /** @description Read-only: the contract's client */
                        clientId: number;
                        contractId: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        id: number;
                        location: string | null;
                        name: string;
                        notes: string | null;
                        /** Format: date-time */
                        startsAt: string;
                        supportContactId: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    supportContactId: number | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attendees: number | null;
                        /** @description Read-only: the contract's client */
                        clientId: number;
                        contractId: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        id: number;
                        location: string | null;
                        name: string;
                        notes: string | null;
                        /** Format: date-time */
                        startsAt: string;
                        supportContactId: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMovies: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Movie"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createMovies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    genres?: string[];
                    priceCents?: number;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    releaseDate: string;
                    stock?: number;
                    title: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        genres: string[];
                        id: number;
                        priceCents: number;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        releaseDate: string;
                        stock: number;
                        title: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMovie: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` you hold: 304 with no body when the item is still at that version. */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cast: {
                            actorId: number;
                            billing: number | null;
                            character: string;
                            name: string;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        genres: string[];
                        id: number;
                        priceCents: number;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        releaseDate: string;
                        stock: number;
                        title: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Not modified: the item is still at the version named */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMovie: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMovie: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    genres?: string[];
                    priceCents?: number;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    releaseDate?: string;
                    stock?: number;
                    title?: string;
                };
                "application/merge-patch+json": {
                    genres?: string[];
                    priceCents?: number;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    releaseDate?: string;
                    stock?: number;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        genres: string[];
                        id: number;
                        priceCents: number;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        releaseDate: string;
                        stock: number;
                        title: string;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setMovieCast: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                actorId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    billing?: number | null;
                    character: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actorId: number;
                        billing: number | null;
                        character: string;
                        name: string;
                    };
                };
            };
            /** @description Created */
            201: {
                headers: {
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actorId: number;
                        billing: number | null;
                        character: string;
                        name: string;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMovieCast: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                actorId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Order"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOrders: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first answer */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    assigneeId?: number | null;
                    clientId: number;
                    /** @description A movie named twice is ordered once, quantities summed */
                    items: {
                        movieId: number;
                        quantity: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assigneeId: number | null;
                        clientId: number;
                        /** Format: date-time */
                        createdAt: string;
                        fulfilledAt: string | null;
                        id: number;
                        items: {
                            movieId: number;
                            quantity: number;
                            /** @description The movie's price when the order was placed */
                            unitPriceCents: number;
                        }[];
                        status: "pending" | "fulfilled" | "cancelled";
                        totalCents: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` you hold: 304 with no body when the item is still at that version. */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assigneeId: number | null;
                        clientId: number;
                        /** Format: date-time */
                        createdAt: string;
                        fulfilledAt: string | null;
                        id: number;
                        items: {
                            movieId: number;
                            quantity: number;
                            /** @description The movie's price when the order was placed */
                            unitPriceCents: number;
                        }[];
                        status: "pending" | "fulfilled" | "cancelled";
                        totalCents: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Not modified: the item is still at the version named */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An active user, or null */
                    assigneeId: number | null;
                };
                "application/merge-patch+json": {
                    /** @description An active user, or null */
                    assigneeId: number | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assigneeId: number | null;
                        clientId: number;
                        /** Format: date-time */
                        createdAt: string;
                        fulfilledAt: string | null;
                        id: number;
                        items: {
                            movieId: number;
                            quantity: number;
                            /** @description The movie's price when the order was placed */
                            unitPriceCents: number;
                        }[];
                        status: "pending" | "fulfilled" | "cancelled";
                        totalCents: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assigneeId: number | null;
                        clientId: number;
                        /** Format: date-time */
                        createdAt: string;
                        fulfilledAt: string | null;
                        id: number;
                        items: {
                            movieId: number;
                            quantity: number;
                            /** @description The movie's price when the order was placed */
                            unitPriceCents: number;
                        }[];
                        status: "pending" | "fulfilled" | "cancelled";
                        totalCents: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    fulfilOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assigneeId: number | null;
                        clientId: number;
                        /** Format: date-time */
                        createdAt: string;
                        fulfilledAt: string | null;
                        id: number;
                        items: {
                            movieId: number;
                            quantity: number;
                            /** @description The movie's price when the order was placed */
                            unitPriceCents: number;
                        }[];
                        status: "pending" | "fulfilled" | "cancelled";
                        totalCents: number;
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRoles: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Role"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createRoles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    /** @description lower_snake_case */
                    name: string;
                    /** @description Permissions of the catalogue (action:resource[:own], listed by the Role schema) or * */
                    permissions: string[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        builtIn: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: number;
                        name: string;
                        permissions: ("get:movies" | "post:movies" | "patch:movies" | "delete:movies" | "get:actors" | "post:actors" | "patch:actors" | "delete:actors" | "patch:inventory" | "get:orders" | "post:orders" | "patch:orders" | "get:clients" | "post:clients" | "patch:clients" | "patch:clients:own" | "delete:clients" | "get:contracts" | "post:contracts" | "patch:contracts" | "patch:contracts:own" | "get:events" | "post:events" | "post:events:own" | "patch:events" | "patch:events:own" | "post:bookings" | "get:bookings" | "get:bookings:own" | "decide:bookings" | "delete:bookings" | "delete:bookings:own" | "get:users" | "post:users" | "patch:users" | "delete:users" | "get:roles" | "post:roles" | "patch:roles" | "delete:roles" | "get:audit" | "*")[];
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRole: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` you hold: 304 with no body when the item is still at that version. */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        builtIn: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: number;
                        name: string;
                        permissions: ("get:movies" | "post:movies" | "patch:movies" | "delete:movies" | "get:actors" | "post:actors" | "patch:actors" | "delete:actors" | "patch:inventory" | "get:orders" | "post:orders" | "patch:orders" | "get:clients" | "post:clients" | "patch:clients" | "patch:clients:own" | "delete:clients" | "get:contracts" | "post:contracts" | "patch:contracts" | "patch:contracts:own" | "get:events" | "post:events" | "post:events:own" | "patch:events" | "patch:events:own" | "post:bookings" | "get:bookings" | "get:bookings:own" | "decide:bookings" | "delete:bookings" | "delete:bookings:own" | "get:users" | "post:users" | "patch:users" | "delete:users" | "get:roles" | "post:roles" | "patch:roles" | "delete:roles" | "get:audit" | "*")[];
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Not modified: the item is still at the version named */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteRole: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateRole: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    /** @description lower_snake_case */
                    name?: string;
                    /** @description Permissions of the catalogue (action:resource[:own], listed by the Role schema) or * */
                    permissions?: string[];
                };
                "application/merge-patch+json": {
                    description?: string;
                    /** @description lower_snake_case */
                    name?: string;
                    /** @description Permissions of the catalogue (action:resource[:own], listed by the Role schema) or * */
                    permissions?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        builtIn: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: number;
                        name: string;
                        permissions: ("get:movies" | "post:movies" | "patch:movies" | "delete:movies" | "get:actors" | "post:actors" | "patch:actors" | "delete:actors" | "patch:inventory" | "get:orders" | "post:orders" | "patch:orders" | "get:clients" | "post:clients" | "patch:clients" | "patch:clients:own" | "delete:clients" | "get:contracts" | "post:contracts" | "patch:contracts" | "patch:contracts:own" | "get:events" | "post:events" | "post:events:own" | "patch:events" | "patch:events:own" | "post:bookings" | "get:bookings" | "get:bookings:own" | "decide:bookings" | "delete:bookings" | "delete:bookings:own" | "get:users" | "post:users" | "patch:users" | "delete:users" | "get:roles" | "post:roles" | "patch:roles" | "delete:roles" | "get:audit" | "*")[];
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStatsOverview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Needs get:bookings, or get:bookings:own for the own ones of the caller */
                        bookings?: {
                            accepted: number;
                            pending: number;
                            rejected: number;
                            scope: "all" | "own";
                        };
                        /** @description Needs get:contracts */
                        contracts?: {
                            /** @description The sum of dueCents */
                            dueCents: number;
                            /** @description With dueCents > 0 */
                            notFullyPaid: number;
                            /** @description Drafts */
                            notSigned: number;
                        };
                        /** @description How many items of each resource the caller may read */
                        counts: {
                            actors?: number;
                            /** @description A requester's: their own */
                            bookings?: number;
                            clients?: number;
                            contracts?: number;
                            events?: number;
                            movies?: number;
                            orders?: number;
                            /** @description Active users */
                            users?: number;
                        };
                        /** @description Needs get:events */
                        events?: {
                            withoutSupport: number;
                        };
                        /** @description Needs get:orders */
                        orders?: {
                            cancelled: number;
                            fulfilled: number;
                            pending: number;
                        };
                        /** @description Orders not cancelled, by the month they were placed (needs get:orders) */
                        sales?: {
                            /** @description The last 12 months, oldest first, months without sales included */
                            months: {
                                /** @description YYYY-MM (UTC) */
                                month: string;
                                orders: number;
                                totalCents: number;
                            }[];
                        };
                    };
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Opaque: the `nextCursor` of the previous page, sent back with the same `sort` (keyset pagination: inserts between pages neither skip nor repeat items). */
                cursor?: string;
                /**
                 * @description The filter language, compiled to parameterised SQL; it narrows what the caller may read, never widens it.
                 *     At most 1,000 characters, 32 comparisons and 100 values in an `in`. An unknown field, operator or ill-typed
                 *     value is a 400 whose error names the position. Fields are the resource’s JSON field names; keywords ignore
                 *     case; `and` binds tighter than `or`; `~` is "contains, ignoring case"; `me` is the caller’s id, `today` the
                 *     current UTC date, `now` the current instant; a quote inside a quoted value is doubled (`'O''Brien'`).
                 *
                 *     ```
                 *     expr       := term (("or" | "ou") term)*
                 *     term       := factor (("and" | "et") factor)*
                 *     factor     := "not" factor | "(" expr ")" | comparison
                 *     comparison := field op value | field "is" ["not"] "null" | field "in" "(" value ("," value)* ")"
                 *     op         := "=" | "!=" | "<" | "<=" | "=<" | ">" | ">=" | "=>" | "~"
                 *     value      := number | 'quoted' | "quoted" | bareword | date | datetime | me | today | now
                 *     ```
                 */
                filter?: string;
                /** @description Items per page, 1–200 (50 when absent). */
                limit?: number;
                /** @description Searches the resource's name-like fields: contains, ignoring case. */
                q?: string;
                /** @description Comma-separated sortable fields of the resource, `-` for descending; the id breaks ties. Grammar: `sort := ["-"] field ("," ["-"] field)*`. */
                sort?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["User"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    employeeNumber?: string | null;
                    fullName: string;
                    /** @description Omit it to get a one-time password */
                    password?: string;
                    roles?: string[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        email: string;
                        employeeNumber: string | null;
                        fullName: string;
                        id: number;
                        lastLoginAt: string | null;
                        mustChangePassword: boolean;
                        /** @description Shown once; the user must change it at sign-in */
                        oneTimePassword?: string;
                        roles: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` you hold: 304 with no body when the item is still at that version. */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        email: string;
                        employeeNumber: string | null;
                        fullName: string;
                        id: number;
                        lastLoginAt: string | null;
                        mustChangePassword: boolean;
                        roles: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description Not modified: the item is still at the version named */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of the version this change applies to, such as `"3"`; 412 otherwise. */
                "if-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    active?: boolean;
                    /** Format: email */
                    email?: string;
                    employeeNumber?: string | null;
                    fullName?: string;
                    roles?: string[];
                };
                "application/merge-patch+json": {
                    active?: boolean;
                    /** Format: email */
                    email?: string;
                    employeeNumber?: string | null;
                    fullName?: string;
                    roles?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        email: string;
                        employeeNumber: string | null;
                        fullName: string;
                        id: number;
                        lastLoginAt: string | null;
                        mustChangePassword: boolean;
                        roles: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A business rule refuses it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resetPasswordUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The item’s version, such as `"3"` */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        /** Format: date-time */
                        createdAt: string;
                        email: string;
                        employeeNumber: string | null;
                        fullName: string;
                        id: number;
                        lastLoginAt: string | null;
                        mustChangePassword: boolean;
                        /** @description Shown once; the user must change it at sign-in */
                        oneTimePassword?: string;
                        roles: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        version: number;
                    };
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not permitted */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listViews: {
        parameters: {
            query?: {
                /** @description The list the view filters */
                list?: "movies" | "actors" | "orders" | "clients" | "contracts" | "events" | "bookings" | "users" | "roles" | "audit";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["SavedView"][];
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createViews: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    filter: string;
                    /** @description The list the view filters */
                    list: "movies" | "actors" | "orders" | "clients" | "contracts" | "events" | "bookings" | "users" | "roles" | "audit";
                    name: string;
                    sort?: string | null;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The path of the new item */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        filter: string;
                        id: number;
                        list: string;
                        name: string;
                        sort: string | null;
                    };
                };
            };
            /** @description The request is malformed or invalid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of a media type this operation takes */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No, bad or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such item */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database does not answer, or the server is stopping */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
