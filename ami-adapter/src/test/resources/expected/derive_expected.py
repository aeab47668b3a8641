import sys,re
def frames(path):
    data=open(path,'rb').read().decode()
    data=data.split('\r\n',1)[1]
    for f in data.split('\r\n\r\n'):
        if not f.strip(): continue
        hs=[]
        for line in f.split('\r\n'):
            if ':' in line:
                k,v=line.split(':',1); hs.append((k,v.strip()))
        yield hs
def g(hs,k):
    for a,b in hs:
        if a.lower()==k.lower(): return b
    return None
ue=sys.argv[2]
for hs in frames(sys.argv[1]):
    ev=g(hs,'Event')
    if ev is None: continue
    u=g(hs,'Uniqueid')
    if ev=='Newchannel': print(f"LegCreated {u} {g(hs,'Channel')}")
    elif ev=='Newstate':
        st=g(hs,'ChannelState')
        if st=='5': print(f"LegRinging {u}")
        if st=='6': print(f"LegAnswered {u}")
    elif ev=='BridgeEnter': print(f"LegBridged {u} {g(hs,'BridgeUniqueid')}")
    elif ev=='BridgeLeave': print(f"LegUnbridged {u} {g(hs,'BridgeUniqueid')}")
    elif ev=='Hangup': print(f"LegHungUp {u} {g(hs,'Cause')} {g(hs,'Cause-txt')}")
    elif ev=='UserEvent' and g(hs,'UserEvent')==ue: print(f"CallHandedOff {u}")
    elif ev=='OriginateResponse' and g(hs,'Response')!='Success':
        r={'3':'NO_ANSWER','5':'BUSY','8':'CONGESTION'}.get(g(hs,'Reason'),'FAILED'); print(f"OriginateFailed {g(hs,'ActionID')} {r}")
    elif ev=='DTMFEnd' and g(hs,'Direction')=='Received': print(f"DtmfReceived {u} {g(hs,'Digit')}")
