/// This project's own RSA-3072 signing key, for test fixtures and the simulated P-SEAMLDR.
///
/// It is a TEST KEY, published with the source: images it signs prove nothing about their
/// origin, and real hardware rejects them. It was generated once (Python `cryptography`,
/// e = 65537) and never changes, so its fingerprint (``KeyFingerprint/projectTestKey``,
/// 4c3a4fcd...52bd) is stable across runs and machines.
public enum ProjectTestKey {
    /// The private key in PKCS#8 PEM.
    public static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIIG/QIBADANBgkqhkiG9w0BAQEFAASCBucwggbjAgEAAoIBgQDA6rz/92qFuRva
        oUTTm1neU2r45te5yVPc1YGW8PIuEkZwU0ttn69HKXwfdyvepvFu5O67ZLgiqplY
        dur6mPtheE9ezR0uohD5PuftZPLauImYsL/ab8RHSNHrtnhPACfDtUVDLpAExkZL
        Ql0uA44EWPEWh6V45DkYbDRKEWbPAZkm5bNH4kHb9NCJxZLzS0O6GQybnMUZpAiK
        u08QeomxOoG2xNlCdnthMEMfvv19OWs5H3DdERjGmXUb+22jgh40UAPUSReyj05F
        lOZcjA0WZ2Cnk5KP4iJEqvwGyGTx/l9jtIGQuTXGtq7Fn12SyaNwwuJ5+1rDxQ4C
        d7FBPDLYeC0gGWkXh2aj/EQ8mNcilZs2YDikhUhsd3q5FqZy0O4b0iFKmVsUuomP
        Na7w8wrGDqvYt5qofc+MN+klSop9nTKKLHTr7y2P8kRjIFD8nP8VMgnLvm4iiTCd
        cYF0o7vuHj86N2NEprfFVI3k3aRihG57XKxQOctlRUQSBZIZnd8CAwEAAQKCAYAd
        BjQRPqQkIklyhzjXrVPEA0Dg2bozFXssimLI1s9Y5x75305F2/R+/FrUURWklfFV
        AdR5FRou/QO9L4cC1OldLMCkPq/ZSEDNfw1dxgZTqdfpxQ3YS2B4aRhMIlPPbvKM
        m0Ukamj4juwcfouOVLKVLNx4y0e1/IAqkHz9d8jD9DWaiIyEkCHgeeC2GaeWOwih
        gwtGjjuJNAik9rFahVUZ+PdzDAKz4SeG47/1ksKIiI79NSHB4MSdfJEF+LnyE608
        mck5tyfBGWx7KBqSWteaQBkLS3HcKG6livrZLOsR4BDQbO+KjSAm7RuxY+wjE/gz
        T244/JCHaA+ylhgF6YpY1SKlpy5mYl/bv9yASmxDSMsd91vQJS1XqfX2wrYrim3m
        UF4N66eQ92BIqbvvZ4YEWkGqRI1SD4OE9+/askI/J/+iMC0n7G02nkReyqFtoOTm
        Vl2wxiaatwP9JUcx4WqWDdFVmlKpMM8ww0ZjFXbyMK1/iv2E3jPyCM55bzW7HWEC
        gcEA77UxRJhpwkxOvESs17t/vu9y+RlqMaku3dSyZzLISOCZUgEYNxGOb8itPEDP
        1ZPkBRWoCBG+C6Rn1QTXFSeN+VfuNRMyTPjnI+ymShjHGmhJajWqKv+vgRaNPmtf
        bXVp0TJNlyJWUGM51cWrmM3aWnhgcbZtE8G0UNWl0jt+fHZ8H/43IhqVspNEOG/T
        KTn1v6AfqLfYzRTSWFKnv/N1LoPjwLKGX/+mBScvYJlcl+m2AC89l/Jy0Qchoq8V
        3I7LAoHBAM4HaAUjm4y9MXmdwjsKqNWop3329c0uzdvxLPSlmV5dKJ0hmfeZdZeZ
        Ft2a2mjGH5uqsi2BGIOP5mT2yGm6syROXtUq34NlhXf3uVxa+O6Z/gUDkKsjaq6+
        +iFw4yim+y9bEOpb+l2NmDaiDh2V8Ai2BX66xpgJVSuCH/IbsU2iH1q2GW/aEWYO
        b62s2dVnVSrnsn5RRT1sF/TpkIK4DaR8kS6mMXFjc1UkxXqCH+ujw5Z6du2QIGNO
        139+zWRWvQKBwH9lzmSFmJfSVHpNCYuytCc3PeTUNBNmtmjhlVuxqq7I59Okj0kd
        RJV2k1OVoqABdMubAe4f9+BaJXEanHE6z4L4z7pXlIFCPB5ktNBmsNMBIBuZn/Iw
        aAd0g+brzBDxuSac1I4Bitw4kFFkOFoC9gzlM2TcLsa0SXA4zGOaiRP/KOMcChNP
        C8aX7EcOb6zWiByrLohOBaShb1XPwCYNb3ckU5RjjXVR+tt8QvrVJ1f5t2gLs3Gh
        QpKDdsXuxfCt1wKBwGbf49zNDtqTjaTAVT/N7sfg0uFe8xVlDX2JS31NQuuPcLwl
        DxBHHCR6WKSGshAm/Zlo/lciYu8uZ0h6wU+p3dF/IHMoWTru8loY5AFtm2bolaJD
        SXVq1dYzngocqBCgcEQRIL0k+DrGfP6qpIm5WIXA/bVt5cP8xP5Yl0L4+OtezHEr
        BECJjq56/uClso+QbUJjNwlD42LsGno8NeBPruA3Ivc8HOwVUH1vQvwNBYtP1lXJ
        CKFOmh18PLZ4xm4XsQKBwQCZ004aMGWM4e2IBZeVJyHEXbxDN5KTOk2QLaytHYXv
        DeNBZYMRZtWJ5Jb3BJEgZ9ReyJlmAZZeCAriWMnEA92mS1aqA1V1zoBei+16fD03
        SFW8T4RDIua2rIy8oI9E5saq9ZP/jkxS+7iHMmS1FnwD7I7l6qcs2P2RwsSmg4F+
        DVqHTw/XOQAS3MQ9/QoPosVlao4AM0fgy6qwv+UOBkiq4JrwnR91fDBb2uupYEDS
        fjwvYDIuozGzZ6t6Z3BfF5k=
        -----END PRIVATE KEY-----
        """
}
